namespace SalesforceEmulator.Org;

/// <summary>One row of the org's RecordType object: a record type an object's records may take.</summary>
public sealed record ObjectRecordType(string Id, string SobjectType, string DeveloperName, string Name, bool IsActive);

/// <summary>Reads the record types the org's RecordType rows give an object (none when the org has no RecordType object).</summary>
public static class ObjectRecordTypes
{
    public static IReadOnlyList<ObjectRecordType> Of(OrgStore org, string objectName)
    {
        if (org.Find("RecordType") is not { } table
            || table.Schema.FindField("SobjectType") is not { } sobjectType
            || table.Schema.FindField("DeveloperName") is not { } developerName)
            return [];
        var name = table.Schema.FindField("Name");
        var isActive = table.Schema.FindField("IsActive");
        lock (table.SyncRoot)
        {
            return table.SnapshotLive()
                .Where(row => string.Equals(row[sobjectType.Ordinal], objectName, StringComparison.OrdinalIgnoreCase))
                .Select(row => new ObjectRecordType(
                    row.Id,
                    row[sobjectType.Ordinal]!,
                    row[developerName.Ordinal] ?? "",
                    (name is null ? null : row[name.Ordinal]) ?? row[developerName.Ordinal] ?? "",
                    isActive is null || row[isActive.Ordinal] == "true"))
                .ToList();
        }
    }
}

using SalesforceEmulator.Org;

namespace SalesforceEmulator.Bulk.Rows;

/// <summary>
/// What became of one row: the record it wrote (whose id the results show), or the id it names and its sf__Error text;
/// and whether it created the record.
/// </summary>
public readonly record struct RowOutcome(SObjectRecord? Record, string? Id, bool Created, string? Error)
{
    public static RowOutcome Fail(string error, string? id = null) => new(null, id, false, error);

    public static RowOutcome Succeeded(SObjectRecord record, bool created) => new(record, null, created, null);
}

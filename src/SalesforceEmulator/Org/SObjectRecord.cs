namespace SalesforceEmulator.Org;

/// <summary>
/// One stored record: its values in field order as strings (null is a null field), the compact form that
/// keeps memory proportional to the data.
/// </summary>
public sealed class SObjectRecord(string?[] values)
{
    public string Id => Values[SObjectSchema.IdOrdinal]!;

    public string?[] Values { get; } = values;

    /// <summary>In the recycle bin: invisible to queries and lookups, but its id still answers ENTITY_IS_DELETED.</summary>
    public bool IsDeleted { get; set; }
}

namespace SalesforceEmulator.Bulk.Rows;

/// <summary>What became of one row: the record id it touched, whether it created it, or its sf__Error text.</summary>
public readonly record struct RowOutcome(string? Id, bool Created, string? Error)
{
    public static RowOutcome Fail(string error, string? id = null) => new(id, false, error);
}

namespace SalesforceEmulator.Bulk;

/// <summary>What an ingest job does with each row.</summary>
public enum IngestOperation
{
    Insert,
    Update,
    Upsert,
    Delete,
    HardDelete,
}

public static class IngestOperations
{
    /// <summary>The API spelling (insert, hardDelete...).</summary>
    public static string ApiName(this IngestOperation operation) => operation switch
    {
        IngestOperation.HardDelete => "hardDelete",
        _ => operation.ToString().ToLowerInvariant(),
    };

    public static bool TryParse(string? name, out IngestOperation operation)
    {
        foreach (var candidate in Enum.GetValues<IngestOperation>())
        {
            if (candidate.ApiName() == name)
            {
                operation = candidate;
                return true;
            }
        }
        operation = default;
        return false;
    }

    public static bool IsDelete(this IngestOperation operation) =>
        operation is IngestOperation.Delete or IngestOperation.HardDelete;
}

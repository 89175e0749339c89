namespace TargetSalesforce.Destination;

/// <summary>What Salesforce did with a batch: every row not listed as failed was committed.</summary>
/// <param name="JobIds">The Bulk jobs that carried the batch (none when it went by REST).</param>
/// <param name="Failures">The rows that failed, by their index in <see cref="RowBatch.Rows"/>.</param>
/// <param name="Route">Which API carried the batch's rows.</param>
/// <param name="Calls">REST calls the batch took (0 for Bulk, whose calls are per job).</param>
public sealed record BatchOutcome(IReadOnlyList<string> JobIds, IReadOnlyList<RowFailure> Failures, LoadRoute Route = LoadRoute.Bulk, int Calls = 0)
{
    /// <summary>The rows Salesforce accepted, with their Ids, when the writer was asked to read them back; else empty.</summary>
    public IReadOnlyList<RowSuccess> Successes { get; init; } = [];
}

/// <summary>One failed row: its index in the batch, Salesforce's status code and message, and the fields it names (comma-separated, often empty).</summary>
public sealed record RowFailure(int RowIndex, string ErrorCode, string Message, string Fields = "");

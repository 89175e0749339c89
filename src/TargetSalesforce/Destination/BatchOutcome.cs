namespace TargetSalesforce.Destination;

/// <summary>What Salesforce did with a batch: every row not listed as failed was committed.</summary>
/// <param name="JobIds">The Bulk jobs that carried the batch.</param>
/// <param name="Failures">The rows that failed, by their index in <see cref="RowBatch.Rows"/>.</param>
public sealed record BatchOutcome(IReadOnlyList<string> JobIds, IReadOnlyList<RowFailure> Failures);

/// <summary>One failed row: its index in the batch, Salesforce's status code and message, and the fields it names (comma-separated, often empty).</summary>
public sealed record RowFailure(int RowIndex, string ErrorCode, string Message, string Fields = "");

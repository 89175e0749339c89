using TargetSalesforce.Destination;
using TargetSalesforce.Salesforce.Describe;

namespace TargetSalesforce.Salesforce.References;

/// <summary>
/// A batch as Salesforce takes it once its names are Ids and its polymorphic cells typed columns: the map and rows to
/// send, where each sent row came from, and the rows that failed before anything was sent.
/// </summary>
/// <param name="Map">The columns sent: the stream's plain columns, then the lookup fields and typed relationship columns the batch needs.</param>
/// <param name="Header">The CSV header of <paramref name="Map"/>.</param>
/// <param name="Rows">The rows to send.</param>
/// <param name="SentFrom">For each row sent, its index in the batch the writer was given.</param>
/// <param name="Failures">Rows of that batch that will not be sent, by their index there.</param>
internal sealed record ResolvedBatch(FieldMap Map, byte[] Header, IReadOnlyList<ReadOnlyMemory<byte>> Rows, int[] SentFrom, IReadOnlyList<RowFailure> Failures)
{
    /// <summary>Joins what Salesforce did with the sent rows (failures and, when read back, Ids) to the failures found before sending, by the batch's own indexes.</summary>
    public BatchOutcome Merge(BatchOutcome sent) =>
        sent with
        {
            Failures = [.. Failures, .. sent.Failures.Select(f => f with { RowIndex = SentFrom[f.RowIndex] })],
            Successes = [.. sent.Successes.Select(s => s with { RowIndex = SentFrom[s.RowIndex] })],
        };
}

namespace TargetSalesforce.Destination;

/// <summary>The rows of one job, in upload order. Each row keeps the index the pipeline gave it.</summary>
/// <param name="Columns">The CSV header.</param>
/// <param name="Rows">Encoded rows (each ends with LF), usually slices of a few large shared arrays.</param>
public sealed record RowBatch(IReadOnlyList<string> Columns, IReadOnlyList<ReadOnlyMemory<byte>> Rows);

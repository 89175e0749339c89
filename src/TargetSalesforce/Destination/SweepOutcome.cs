namespace TargetSalesforce.Destination;

/// <summary>What a full-table sweep did.</summary>
/// <param name="InScope">Rows of the scope before the sweep.</param>
/// <param name="Missing">Rows of the scope whose key the version did not write (already soft-deleted rows excluded).</param>
/// <param name="Failures">The rows Salesforce refused to delete or mark, by Id.</param>
public sealed record SweepOutcome(long InScope, long Missing, IReadOnlyList<SweepFailure> Failures);

/// <summary>One row a sweep could not delete or mark.</summary>
public sealed record SweepFailure(string Id, string ErrorCode, string Message);

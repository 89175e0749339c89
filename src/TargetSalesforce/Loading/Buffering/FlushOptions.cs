namespace TargetSalesforce.Loading.Buffering;

/// <summary>When buffered rows become a batch (see <see cref="FlushEngine"/>).</summary>
public sealed record FlushOptions
{
    /// <summary>Most rows in one batch (`batch_size_rows`).</summary>
    public required int MaxBatchRows { get; init; }

    /// <summary>Most encoded bytes in one batch (`batch_size_bytes`, within what one upload of the destination may carry).</summary>
    public required long MaxBatchBytes { get; init; }

    /// <summary>A buffer whose oldest row has waited this long goes out though not full (`batch_wait_limit_seconds`); zero: never.</summary>
    public required TimeSpan MaxAge { get; init; }

    /// <summary>
    /// Most rows in the first batch of each buffer (capped by <see cref="MaxBatchRows"/>). 10,000 lets Salesforce
    /// start after a fifth of the reading a 50,000-row job needs, and is still one whole batch of the daily
    /// allocation (Salesforce counts one per 10,000 records of a job), so it costs no extra batch.
    /// </summary>
    public int FirstBatchRows { get; init; } = 10_000;

    /// <summary>
    /// Send every record of a key rather than only its last in a batch: a later record of a key already in the
    /// batch waits for the next one. Set when `allow_failures` is false, since a record-by-record load judges
    /// every version and halts at the first refused; off by default, since superseding saves jobs.
    /// </summary>
    public bool SendEveryVersion { get; init; }
}

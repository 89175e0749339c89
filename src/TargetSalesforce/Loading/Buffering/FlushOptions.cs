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
    /// start after one chunk's reading when `batch_size_rows` is set higher, and is still one whole batch of the daily
    /// allocation (Salesforce counts one per 10,000 records of a job), so it costs no extra batch.
    /// </summary>
    public int FirstBatchRows { get; init; } = 10_000;

    /// <summary>
    /// Rows a buffer whose rows name the parents they lock gathers (at least <see cref="MaxBatchRows"/>) before they
    /// are ordered by parent and cut into jobs: 50,000, so that a batch holds enough parents to make a job for each of
    /// <see cref="LockJobsPerBatch"/> workers; memory stays bounded by it.
    /// </summary>
    public int LockBatchRows { get; init; } = 50_000;

    /// <summary>
    /// Jobs a parent-ordered batch is cut into at least (each at most one 10,000-row chunk): 4, so a batch's jobs, which
    /// share no parent, keep four of Salesforce's workers busy side by side (the lock-heavy benchmark: 25.1 s against
    /// 59.6 s for whole-chunk jobs, which queued behind each other when few parents were named in every batch).
    /// </summary>
    public int LockJobsPerBatch { get; init; } = 4;

    /// <summary>
    /// A batch of rows that lock their parents (a Contact's Account) goes out ordered by parent, as jobs of at most one
    /// Salesforce chunk cut at parent boundaries (`lock_aware_ordering`); on by default, since parallel chunks that
    /// share a parent fail with UNABLE_TO_LOCK_ROW. Off sends such batches as any other.
    /// </summary>
    public bool LockAwareOrdering { get; init; } = true;

    /// <summary>
    /// Send every record of a key rather than only its last in a batch: a later record of a key already in the
    /// batch waits for the next one. Set when `allow_failures` is false, since a record-by-record load judges
    /// every version and halts at the first refused; off by default, since superseding saves jobs.
    /// </summary>
    public bool SendEveryVersion { get; init; }
}

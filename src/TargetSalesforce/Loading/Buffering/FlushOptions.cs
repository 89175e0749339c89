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
    /// Rows of whole batches a stream keeps back while Salesforce has <see cref="ReserveWhileJobsQueued"/> of the run's
    /// jobs queued (`balance_final_jobs`; 0: none; at most three batches), to be cut into small jobs if the input ends: 30,000, three chunks, so
    /// the last round of up to four workers ends together rather than with one chunk running alone. A batch kept back
    /// goes out as soon as fewer jobs are queued, the reserve is full, or it reaches the age limit.
    /// </summary>
    public int ReserveRows { get; init; } = 30_000;

    /// <summary>
    /// Jobs of the run admitted and not finished (queued at Salesforce or staged) from which a stream keeps batches
    /// back: 4, a worker's worth each for the smallest pool an org has; fewer, and the org may be waiting for rows.
    /// </summary>
    public int ReserveWhileJobsQueued { get; init; } = 4;

    /// <summary>
    /// At the end of input, a stream's remaining rows (and its reserve) go out in jobs of about this many rows, at least
    /// this many each (0: whole batches): 2,500, a quarter chunk, so idle workers share the tail; more jobs would cost
    /// three API calls and a daily batch each for less and less. Kept above `rest_threshold_rows`, so they stay Bulk jobs.
    /// </summary>
    public int EndJobRows { get; init; } = 2_500;

    /// <summary>
    /// Send every record of a key rather than only its last in a batch: a later record of a key already in the
    /// batch waits for the next one. Set when `allow_failures` is false, since a record-by-record load judges
    /// every version and halts at the first refused; off by default, since superseding saves jobs.
    /// </summary>
    public bool SendEveryVersion { get; init; }
}

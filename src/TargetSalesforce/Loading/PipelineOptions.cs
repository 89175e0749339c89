namespace TargetSalesforce.Loading;

/// <summary>What the pipeline needs beyond <c>TargetSettings</c>: inputs from other sources and engine tuning.</summary>
public sealed class PipelineOptions
{
    /// <summary>Stream → destination table from Mage's catalog (`destination_table`); used when no setting names the object.</summary>
    public IReadOnlyDictionary<string, string> DestinationTables { get; init; } =
        new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>How often the progress line and the METRIC lines go out. 30 s: steady enough to watch, quiet enough to read.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>After a termination signal, how long jobs in flight may take before they are aborted. 30 s fits inside the usual 60 s a supervisor waits before SIGKILL.</summary>
    public TimeSpan ShutdownGracePeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait before rows that failed with UNABLE_TO_LOCK_ROW go again: 2 s lets the competing transaction finish.</summary>
    public TimeSpan LockRetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Messages parsed ahead of the loader. 1,000 lets parsing run on the second core while memory stays small.</summary>
    public int ReadAheadMessages { get; init; } = 1_000;

    /// <summary>
    /// Most rows in the first job of each object a stream writes (capped by `batch_size_rows`). 10,000 lets
    /// Salesforce start after a fifth of the reading a 50,000-row job needs, and is still one whole batch of
    /// the daily allocation (Salesforce counts one per 10,000 records of a job), so it costs no extra batch.
    /// </summary>
    public int FirstJobRows { get; init; } = 10_000;

    /// <summary>
    /// Jobs admitted beyond `max_parallel_jobs`, created and uploaded while they wait for a slot and closed when
    /// one frees. 1: the next job's upload is done when a slot frees, so Salesforce does not idle between jobs
    /// (1M benchmark ratio ≈ 1.25–1.37 vs 1.37–1.62); 2 gained no more but held 313 MB at 5M records (1: 271 MB).
    /// </summary>
    public int StagedJobs { get; init; } = 1;

    /// <summary>Invalid or rejected records logged one by one per stream before only the counts are kept; the reject file has them all.</summary>
    public int LoggedFailuresPerStream { get; init; } = 20;
}

namespace TargetSalesforce.Loading.Jobs;

/// <summary>How batches run as jobs (see <see cref="JobScheduler"/> and <see cref="JobExecutor"/>).</summary>
public sealed record JobOptions
{
    /// <summary>Jobs the destination processes at once (`max_parallel_jobs`); 1 loads serially.</summary>
    public required int MaxParallelJobs { get; init; }

    /// <summary>How often a row that failed with UNABLE_TO_LOCK_ROW goes again in a later job (`lock_retry_attempts`).</summary>
    public required int LockRetryAttempts { get; init; }

    /// <summary>The wait before rows that failed with UNABLE_TO_LOCK_ROW go again: 2 s lets the competing transaction finish.</summary>
    public TimeSpan LockRetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Jobs admitted beyond <see cref="MaxParallelJobs"/>, created and uploaded while they wait for a slot and closed
    /// when one frees. 1: the next job's upload is done when a slot frees, so Salesforce does not idle between jobs
    /// (1M benchmark ratio ≈ 1.25–1.37 vs 1.37–1.62); 2 gained no more but held 313 MB at 5M records (1: 271 MB).
    /// </summary>
    public int StagedJobs { get; init; } = 1;
}

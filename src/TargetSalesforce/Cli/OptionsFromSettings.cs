using TargetSalesforce.Configuration;
using TargetSalesforce.Loading;
using TargetSalesforce.Loading.Buffering;
using TargetSalesforce.Loading.Jobs;
using TargetSalesforce.Salesforce;
using TargetSalesforce.Salesforce.Auth;

namespace TargetSalesforce.Cli;

/// <summary>
/// The one place settings become the options of the parts they configure (loading, the Salesforce
/// client), so that no part reads the settings itself.
/// </summary>
internal static class OptionsFromSettings
{
    private static readonly FlushOptions Defaults = new() { MaxBatchRows = 1, MaxBatchBytes = 1, MaxAge = TimeSpan.Zero };

    public static LoadingOptions ForLoading(TargetSettings settings, StreamOperations operations) => new()
    {
        // Small last jobs pay only when they run side by side: fewer slots than the reserve's queue would run them one
        // after another, each waiting out Salesforce's queue latency.
        Flush = Flush(settings, settings.BalanceFinalJobs && settings.MaxParallelJobs >= Defaults.ReserveWhileJobsQueued),
        OperationFor = operations.For,
        SweepFor = operations.SweepFor,
        RenamesFor = operations.RenamesFor,
        Jobs = new JobOptions
        {
            MaxParallelJobs = settings.MaxParallelJobs,
            LockRetryAttempts = settings.LockRetryAttempts,
        },
        ValidateRecords = settings.ValidateRecords,
        ProcessDeletes = settings.ProcessDeletes,
        AllowFailures = settings.AllowFailures,
        RejectFile = settings.RejectFile is { Length: > 0 } path ? path : null,
        ResultsFile = settings.ResultsFile is { Length: > 0 } results ? results : null,
        ProgressInterval = TimeSpan.FromSeconds(settings.ProgressIntervalSeconds),
    };

    private static FlushOptions Flush(TargetSettings settings, bool balance) => new()
    {
        MaxBatchRows = settings.BatchSizeRows,
        MaxBatchBytes = BatchBytes(settings),
        MaxAge = settings.BatchWaitLimitSeconds > 0 ? TimeSpan.FromSeconds(settings.BatchWaitLimitSeconds) : TimeSpan.Zero,
        LockAwareOrdering = settings.LockAwareOrdering,
        SendEveryVersion = !settings.AllowFailures,
        ReserveRows = balance ? Defaults.ReserveRows : 0,
        EndJobRows = balance ? Math.Max(Defaults.EndJobRows, settings.RestThresholdRows + 1) : 0,
    };

    public static SalesforceClientOptions ForSalesforce(TargetSettings settings) => new()
    {
        LoginUrl = LoginEndpoint.Resolve(settings.Domain),
        ApiVersion = ApiVersions.Normalise(settings.ApiVersion),
        RequestTimeout = TimeSpan.FromSeconds(settings.RequestTimeoutSeconds),
        PollInterval = TimeSpan.FromSeconds(settings.PollIntervalSeconds),
        PollMaxInterval = TimeSpan.FromSeconds(Math.Max(settings.PollMaxIntervalSeconds, settings.PollIntervalSeconds)),
        JobTimeout = settings.JobTimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        MaxJobBytes = BatchBytes(settings),
        FailOnUnknownFields = settings.UnknownFields == UnknownFieldPolicy.Fail,
        RestThresholdRows = settings.RestThresholdRows,
        ReadsBackIds = settings.ResultsFile is { Length: > 0 },
        MaxApiUsagePercent = settings.MaxApiUsagePercent,
        MaxBulkBatchUsagePercent = settings.MaxBulkBatchUsagePercent,
    };

    /// <summary>`batch_size_bytes`, never past what one Salesforce upload may carry: loading's batches and the client's jobs alike.</summary>
    private static long BatchBytes(TargetSettings settings) => Math.Clamp(settings.BatchSizeBytes, 1, SalesforceLimits.MaxUploadBytes);
}

using Microsoft.Extensions.Time.Testing;
using TargetSalesforce.Cli;
using TargetSalesforce.Configuration;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading;

namespace TargetSalesforce.Tests.Support;

/// <summary>
/// One pipeline under test with its in-memory counterparts. Its options come from the settings the way the
/// command line makes them (lock retries without the wait); <c>tune</c> adjusts them further.
/// </summary>
internal sealed class PipelineRun
{
    public PipelineRun(
        TargetSettings settings,
        InMemoryObjectLoader? loader = null,
        Func<LoadingOptions, LoadingOptions>? tune = null,
        TimeProvider? time = null,
        IReadOnlyDictionary<string, string>? destinationTables = null)
    {
        Settings = settings;
        Loader = loader ?? new InMemoryObjectLoader();
        Time = time ?? new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var operations = new StreamOperations(settings, destinationTables ?? new Dictionary<string, string>());
        var options = OptionsFromSettings.ForLoading(settings, operations);
        options = options with { Jobs = options.Jobs with { LockRetryDelay = TimeSpan.Zero } };
        Options = tune is null ? options : tune(options);
    }

    public TargetSettings Settings { get; }

    public InMemoryObjectLoader Loader { get; }

    public RecordingStateOutput States { get; } = new();

    public CapturingLoggerFactory Logs { get; } = new();

    public TimeProvider Time { get; }

    public LoadingOptions Options { get; }

    public static TargetSettings Config(
        LoadAction action = LoadAction.Insert,
        bool allowFailures = false,
        int batchSizeRows = 50_000,
        long batchSizeBytes = 100L * 1024 * 1024,
        double batchWaitLimitSeconds = 60,
        int maxParallelJobs = 4,
        bool validateRecords = true,
        string externalIdName = "Id",
        string? tableName = null,
        string? mageTable = null,
        string? rejectFile = null,
        bool processDeletes = false,
        int lockRetryAttempts = 3,
        IReadOnlyDictionary<string, StreamOverride>? streams = null,
        VersionMode activateVersion = VersionMode.Ignore,
        double maxDeleteFraction = 0.2) =>
        new()
        {
            Domain = "test",
            Action = action,
            AllowFailures = allowFailures,
            BatchSizeRows = batchSizeRows,
            BatchSizeBytes = batchSizeBytes,
            BatchWaitLimitSeconds = batchWaitLimitSeconds,
            MaxParallelJobs = maxParallelJobs,
            ValidateRecords = validateRecords,
            ExternalIdName = externalIdName,
            TableName = tableName,
            MageTable = mageTable,
            RejectFile = rejectFile,
            ProcessDeletes = processDeletes,
            LockRetryAttempts = lockRetryAttempts,
            Streams = streams ?? new Dictionary<string, StreamOverride>(),
            ActivateVersion = activateVersion,
            MaxDeleteFraction = maxDeleteFraction,
        };

    public Task<RunResult> RunAsync(Stream input, bool lenient = false, CancellationToken cancellationToken = default) =>
        new LoadingPipeline(Loader, States, Options, Logs, Time).RunAsync(input, lenient, cancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);

    public Task<RunResult> RunAsync(params string[] lines) => RunAsync(Lines.Input(lines));
}

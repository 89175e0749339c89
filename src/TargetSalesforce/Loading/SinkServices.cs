using Microsoft.Extensions.Logging;
using TargetSalesforce.Configuration;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading.Jobs;
using TargetSalesforce.Loading.State;

namespace TargetSalesforce.Loading;

/// <summary>What every <see cref="StreamSink"/> of a run shares.</summary>
internal sealed record SinkServices(
    TargetSettings Settings,
    PipelineOptions Options,
    IObjectLoader Loader,
    JobScheduler Scheduler,
    StateTracker Tracker,
    RecordOutcomes Outcomes,
    TimeProvider Time,
    ILogger Logger)
{
    /// <summary>Sends parents' buffered rows before a child job that looks them up.</summary>
    public ParentFirstFlush Parents { get; } = new();

    /// <summary>Salesforce's safe upload size caps the configured byte threshold.</summary>
    public const long MaxJobBytes = 100L * 1024 * 1024;

    public int BatchRows { get; } = Math.Max(1, Settings.BatchSizeRows);

    /// <summary>The row limit of a buffer's next job: a smaller first job, so Salesforce starts sooner.</summary>
    public int RowsForJob(int jobsBefore) => jobsBefore == 0 ? Math.Clamp(Options.FirstJobRows, 1, BatchRows) : BatchRows;

    public long BatchBytes { get; } = Math.Clamp(Settings.BatchSizeBytes, 1, MaxJobBytes);
}

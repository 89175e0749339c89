using Microsoft.Extensions.Logging;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading.Buffering;
using TargetSalesforce.Loading.Jobs;
using TargetSalesforce.Loading.State;
using TargetSalesforce.Singer;

namespace TargetSalesforce.Loading.Routing;

/// <summary>
/// Routes each message by its stream: SCHEMA opens (or changes) the stream's sink, RECORD goes to
/// its sink, STATE goes to the state tracker. It owns the run's <see cref="FlushEngine"/>, which holds
/// every stream's buffers: so when a batch goes out, the buffers of the objects it looks up go out
/// before it, whichever streams they belong to. Runs on one thread: the pipeline's loading loop.
/// </summary>
internal sealed class StreamRouter
{
    private readonly IObjectLoader loader;
    private readonly StateTracker tracker;
    private readonly RecordOutcomes outcomes;
    private readonly LoadingOptions options;
    private readonly ILogger logger;
    private readonly FlushEngine flushes;
    private readonly Dictionary<string, StreamSink> sinks = new(StringComparer.Ordinal);
    private readonly List<StreamCounters> counters = [];

    public StreamRouter(
        IObjectLoader loader, JobScheduler jobs, StateTracker tracker, RecordOutcomes outcomes, LoadingOptions options, TimeProvider time, ILogger logger)
    {
        this.loader = loader;
        this.tracker = tracker;
        this.outcomes = outcomes;
        this.options = options;
        this.logger = logger;
        flushes = new FlushEngine(options.Flush, jobs, time);
    }

    public long RecordsRead { get; private set; }

    public long StatesRead { get; private set; }

    public long BatchesRead { get; private set; }

    /// <summary>A snapshot of every stream's counts (safe from other threads).</summary>
    public IReadOnlyList<StreamCounters> Counters
    {
        get
        {
            lock (counters)
            {
                return counters.ToArray();
            }
        }
    }

    public async ValueTask HandleAsync(SingerMessage message, CancellationToken cancellationToken)
    {
        switch (message)
        {
            case RecordMessage record:
                await RecordAsync(record, cancellationToken).ConfigureAwait(false);
                break;
            case SchemaMessage schema:
                await SchemaAsync(schema, cancellationToken).ConfigureAwait(false);
                break;
            case StateMessage state:
                StatesRead++;
                tracker.StateRead(state.Value);
                break;
            case ActivateVersionMessage activate:
                if (sinks.TryGetValue(activate.Stream, out var versioned))
                {
                    await versioned.ActivateVersionAsync(activate, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    logger.LogInformation(
                        "ACTIVATE_VERSION for stream '{Stream}' (version {Version}, line {Line}) came before any SCHEMA of it: nothing to do",
                        activate.Stream, activate.Version, activate.Line);
                }

                break;
            case BatchMessage:
                // Its records follow it as RECORD messages: the reader reads the files (MessageReader.ReadChunksAsync).
                BatchesRead++;
                break;
        }

        await flushes.FlushAgedIfDueAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A tick (the age timer, or a job's end): batches kept back go out if few jobs are queued, and buffers older than the age limit.</summary>
    public Task FlushAgedAsync(CancellationToken cancellationToken) => flushes.FlushAgedAsync(cancellationToken);

    /// <summary>End of input: every buffer becomes jobs, a stream's last rows small ones.</summary>
    public Task FlushAtEndAsync(CancellationToken cancellationToken) => flushes.FlushAtEndAsync(cancellationToken);

    /// <summary>Every buffer becomes a job as it stands.</summary>
    public Task FlushAllAsync(CancellationToken cancellationToken) => flushes.FlushAllAsync(cancellationToken);

    /// <summary>Starts the ticks: a quiet tap's buffers flush when old enough, and a job's end lets batches kept back go (timer null: buffers never age out).</summary>
    public ITimer? StartTicks(Action tick) => flushes.StartTicks(tick);

    private async ValueTask RecordAsync(RecordMessage record, CancellationToken cancellationToken)
    {
        if (!sinks.TryGetValue(record.Stream, out var sink))
        {
            throw new SingerInputException(record.Line, $"a RECORD of stream '{record.Stream}' came before any SCHEMA of that stream");
        }

        RecordsRead++;
        await sink.AddAsync(record, cancellationToken).ConfigureAwait(false);
    }

    private async Task SchemaAsync(SchemaMessage schema, CancellationToken cancellationToken)
    {
        if (sinks.TryGetValue(schema.Stream, out var sink))
        {
            await sink.ApplySchemaAsync(schema, cancellationToken).ConfigureAwait(false);
            return;
        }

        var operation = options.OperationFor(schema.Stream);
        sink = await StreamSink.OpenAsync(schema, operation, loader, flushes, tracker, outcomes, options, logger, cancellationToken)
            .ConfigureAwait(false);
        sinks[schema.Stream] = sink;
        Diagnostics.StartupPhases.Reached("first stream opened");
        lock (counters)
        {
            counters.Add(sink.Counters);
        }

        // Two templates, so a structured log's `key` tag is the field itself (Mage showed " on External_Id__c").
        if (operation.Action == LoadAction.Upsert)
        {
            logger.LogInformation(
                "Stream '{Stream}' loads into {Object} ({Action} on {Key})", schema.Stream, operation.ObjectName, operation.Action, operation.ExternalIdField);
        }
        else
        {
            logger.LogInformation("Stream '{Stream}' loads into {Object} ({Action})", schema.Stream, operation.ObjectName, operation.Action);
        }
    }
}

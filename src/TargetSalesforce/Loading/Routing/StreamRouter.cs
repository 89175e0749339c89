using Microsoft.Extensions.Logging;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading.Buffering;
using TargetSalesforce.Singer;

namespace TargetSalesforce.Loading.Routing;

/// <summary>
/// Routes each message by its stream: SCHEMA opens (or changes) the stream's sink, RECORD goes to
/// its sink, STATE goes to the state tracker. It also flushes buffers that have waited too long.
/// Runs on one thread: the pipeline's reading loop.
/// </summary>
internal sealed class StreamRouter
{
    private readonly SinkServices services;
    private readonly Dictionary<string, StreamSink> sinks = new(StringComparer.Ordinal);
    private readonly List<StreamCounters> counters = [];
    private readonly long ageLimit;
    private long nextAgeCheck = long.MaxValue;

    public StreamRouter(SinkServices services)
    {
        this.services = services;
        services.Parents.Attach(FlushObjectAsync);
        var seconds = services.Settings.BatchWaitLimitSeconds;
        ageLimit = seconds > 0 ? (long)(seconds * services.Time.TimestampFrequency) : long.MaxValue;
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
                services.Tracker.StateRead(state.Value);
                break;
            case ActivateVersionMessage activate:
                services.Logger.LogInformation(
                    "ACTIVATE_VERSION for stream '{Stream}' (version {Version}, line {Line}) accepted; this target deletes no rows of older versions",
                    activate.Stream, activate.Version, activate.Line);
                break;
            case BatchMessage:
                // Its records follow it as RECORD messages: the reader reads the files (MessageReader.ReadChunksAsync).
                BatchesRead++;
                break;
        }

        if (nextAgeCheck != long.MaxValue && services.Time.GetTimestamp() >= nextAgeCheck)
        {
            await FlushAgedAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Flushes every buffer older than `batch_wait_limit_seconds` (called per message and by a timer).</summary>
    public async Task FlushAgedAsync(CancellationToken cancellationToken)
    {
        if (ageLimit == long.MaxValue)
        {
            return;
        }

        var startedBy = services.Time.GetTimestamp() - ageLimit;
        foreach (var sink in sinks.Values)
        {
            await sink.FlushStartedByAsync(startedBy, cancellationToken).ConfigureAwait(false);
        }

        nextAgeCheck = long.MaxValue;
        foreach (var sink in sinks.Values)
        {
            WatchAge(sink);
        }
    }

    private async Task FlushObjectAsync(string objectName, CancellationToken cancellationToken)
    {
        foreach (var sink in sinks.Values.ToList())
        {
            await sink.FlushObjectAsync(objectName, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>End of input: every buffer becomes a job.</summary>
    public async Task FlushAllAsync(CancellationToken cancellationToken)
    {
        foreach (var sink in sinks.Values)
        {
            await sink.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        nextAgeCheck = long.MaxValue;
    }

    private async ValueTask RecordAsync(RecordMessage record, CancellationToken cancellationToken)
    {
        if (!sinks.TryGetValue(record.Stream, out var sink))
        {
            throw new SingerInputException(record.Line, $"a RECORD of stream '{record.Stream}' came before any SCHEMA of that stream");
        }

        RecordsRead++;
        await sink.AddAsync(record, cancellationToken).ConfigureAwait(false);
        WatchAge(sink);
    }

    private async Task SchemaAsync(SchemaMessage schema, CancellationToken cancellationToken)
    {
        if (sinks.TryGetValue(schema.Stream, out var sink))
        {
            await sink.ApplySchemaAsync(schema, cancellationToken).ConfigureAwait(false);
            return;
        }

        var operation = StreamRouting.Resolve(schema.Stream, services.Settings, services.Options.DestinationTables);
        sink = await StreamSink.OpenAsync(schema, operation, services, cancellationToken).ConfigureAwait(false);
        sinks[schema.Stream] = sink;
        lock (counters)
        {
            counters.Add(sink.Counters);
        }

        services.Logger.LogInformation(
            "Stream '{Stream}' loads into {Object} ({Action}{Key})",
            schema.Stream, operation.ObjectName, operation.Action,
            operation.Action == LoadAction.Upsert ? $" on {operation.ExternalIdField}" : "");
    }

    private void WatchAge(StreamSink sink)
    {
        if (ageLimit != long.MaxValue && sink.OldestStartedAt is { } started)
        {
            nextAgeCheck = Math.Min(nextAgeCheck, started + ageLimit);
        }
    }
}

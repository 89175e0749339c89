using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading.Jobs;
using TargetSalesforce.Singer.Validation;
using TargetSalesforce.Singer;

namespace TargetSalesforce.Loading.Buffering;

/// <summary>
/// One stream: its schema and compiled checker, its writer (and a second one for deletes when
/// `process_deletes` meets a deleted record), and the buffers of encoded rows that become jobs
/// when they reach a size, an age, a new schema, or the end of the input.
/// </summary>
internal sealed class StreamSink
{
    private const string DeletedAtProperty = "_sdc_deleted_at";

    private readonly SinkServices services;
    private JObject schemaJson;
    private StreamSchema schema;
    private IReadOnlyList<string> keyProperties;
    private RowBuffer writes;
    private RowBuffer? deletes;
    private int loggedFailures;

    private StreamSink(SinkServices services, SchemaMessage message, StreamSchema schema, IObjectWriter writer, StreamCounters counters)
    {
        this.services = services;
        schemaJson = message.Schema;
        this.schema = schema;
        keyProperties = message.KeyProperties;
        writes = new RowBuffer(writer);
        Counters = counters;
    }

    public string Stream => Counters.Stream;

    public ObjectOperation Operation => writes.Writer.Operation;

    public StreamCounters Counters { get; }

    /// <summary>When the oldest buffered row came in, or null when nothing waits.</summary>
    public long? OldestStartedAt =>
        (writes.Count > 0, deletes is { Count: > 0 }) switch
        {
            (true, true) => Math.Min(writes.StartedAt, deletes!.StartedAt),
            (true, false) => writes.StartedAt,
            (false, true) => deletes!.StartedAt,
            _ => null,
        };

    public static async Task<StreamSink> OpenAsync(SchemaMessage message, ObjectOperation operation, SinkServices services, CancellationToken cancellationToken)
    {
        var schema = await StreamSchema.LoadAsync(message, cancellationToken).ConfigureAwait(false);
        var writer = await OpenWriterAsync(services, message, operation, cancellationToken).ConfigureAwait(false);
        return new StreamSink(services, message, schema, writer, new StreamCounters(message.Stream, operation.ObjectName));
    }

    /// <summary>A later SCHEMA: when it changes anything, the rows buffered so far go out under the old one first.</summary>
    public async Task ApplySchemaAsync(SchemaMessage message, CancellationToken cancellationToken)
    {
        if (JToken.DeepEquals(schemaJson, message.Schema) && keyProperties.SequenceEqual(message.KeyProperties))
        {
            return;
        }

        var next = await StreamSchema.LoadAsync(message, cancellationToken).ConfigureAwait(false);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        var writer = await OpenWriterAsync(services, message, Operation, cancellationToken).ConfigureAwait(false);
        schemaJson = message.Schema;
        schema = next;
        keyProperties = message.KeyProperties;
        writes = new RowBuffer(writer);
        deletes = null;
    }

    public async ValueTask AddAsync(RecordMessage message, CancellationToken cancellationToken)
    {
        var record = message.Record;
        Counters.AddRead();
        var segment = services.Tracker.RecordRead();
        foreach (var key in keyProperties)
        {
            if (!record.ContainsKey(key))
            {
                throw new SingerInputException(message.Line, $"the record of stream '{Stream}' lacks its key property '{key}'");
            }
        }

        var raw = services.Outcomes.KeepsRawRecords ? record.ToJson() : null;
        if (services.Settings.ValidateRecords && schema.Checker.Check(record) is { } violation)
        {
            Fail(message.Line, segment, raw, "INVALID_RECORD", $"does not match the stream's schema: {violation}");
            return;
        }

        var buffer = IsDeleted(record) ? await DeletesAsync(cancellationToken).ConfigureAwait(false) : writes;
        var encoded = buffer.Writer.Encode(new SingerRecordView(record));
        if (encoded.Rejection is { } rejection)
        {
            Fail(message.Line, segment, raw, rejection.ErrorCode, rejection.Message);
            return;
        }

        var row = new BufferedRow(encoded.Row, encoded.Key, message.Line, segment, raw);
        var other = buffer == writes ? deletes : writes;
        if (row.Key is not null && other is { Count: > 0 } && other.Contains(row.Key))
        {
            // The same row is waiting in the other buffer: it goes first, so the later record wins.
            await FlushAsync(other, cancellationToken).ConfigureAwait(false);
        }

        if (buffer.Count > 0 && buffer.Bytes + row.Row.Length > services.BatchBytes)
        {
            await FlushAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        buffer.Add(row, buffer.Count == 0 ? services.Time.GetTimestamp() : 0); // only the first row's time is kept
        if (buffer.Count >= services.RowsForJob(buffer.Taken) || buffer.Bytes >= services.BatchBytes)
        {
            await FlushAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(writes, cancellationToken).ConfigureAwait(false);
        if (deletes is not null)
        {
            await FlushAsync(deletes, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Flushes the buffers whose oldest row came in at or before <paramref name="startedBy"/>.</summary>
    public async Task FlushStartedByAsync(long startedBy, CancellationToken cancellationToken)
    {
        if (writes.Count > 0 && writes.StartedAt <= startedBy)
        {
            await FlushAsync(writes, cancellationToken).ConfigureAwait(false);
        }

        if (deletes is { Count: > 0 } && deletes.StartedAt <= startedBy)
        {
            await FlushAsync(deletes, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task FlushAsync(RowBuffer buffer, CancellationToken cancellationToken)
    {
        if (buffer.Count == 0)
        {
            return;
        }

        // Rows are taken first, so a cycle of lookups (A → B → A) finds this buffer empty and ends.
        var job = new LoadJob(Counters, buffer.Writer, buffer.Take());
        await services.Parents.FlushParentsAsync(buffer.Writer, cancellationToken).ConfigureAwait(false);
        await services.Scheduler.SubmitAsync(job, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends this stream's buffered rows for <paramref name="objectName"/> (a parent another job looks up).</summary>
    public async Task FlushObjectAsync(string objectName, CancellationToken cancellationToken)
    {
        if (string.Equals(writes.Writer.Operation.ObjectName, objectName, StringComparison.OrdinalIgnoreCase))
        {
            await FlushAsync(writes, cancellationToken).ConfigureAwait(false);
        }

        if (deletes is not null && string.Equals(deletes.Writer.Operation.ObjectName, objectName, StringComparison.OrdinalIgnoreCase))
        {
            await FlushAsync(deletes, cancellationToken).ConfigureAwait(false);
        }
    }

    private bool IsDeleted(FlatRecord record) =>
        services.Settings.ProcessDeletes
        && record.TryGetValue(DeletedAtProperty, out var deletedAt)
        && deletedAt.Type is not (JTokenType.Null or JTokenType.Undefined)
        && !(deletedAt.Type == JTokenType.String && string.IsNullOrEmpty(deletedAt.Text));

    private async ValueTask<RowBuffer> DeletesAsync(CancellationToken cancellationToken)
    {
        if (Operation.Action is LoadAction.Delete or LoadAction.HardDelete)
        {
            return writes;
        }

        if (deletes is null)
        {
            var message = new SchemaMessage(0, Stream, schemaJson, keyProperties);
            var writer = await OpenWriterAsync(services, message, Operation with { Action = LoadAction.Delete }, cancellationToken)
                .ConfigureAwait(false);
            deletes = new RowBuffer(writer);
        }

        return deletes;
    }

    private void Fail(long line, long segment, string? raw, string errorCode, string message)
    {
        services.Outcomes.FailedBeforeLoading(Counters, line, segment, raw, errorCode, message);
        if (services.Outcomes.AllowFailures && loggedFailures < services.Options.LoggedFailuresPerStream)
        {
            loggedFailures++;
            services.Logger.LogWarning(
                "Stream '{Stream}': the record at line {Line} failed with {Code}: {Message}{More}",
                Stream, line, errorCode, message,
                loggedFailures == services.Options.LoggedFailuresPerStream ? " (further failures of this stream are only counted)" : "");
        }
    }

    private static async Task<IObjectWriter> OpenWriterAsync(
        SinkServices services, SchemaMessage message, ObjectOperation operation, CancellationToken cancellationToken)
    {
        try
        {
            return await services.Loader.OpenAsync(operation, StreamShapes.From(message), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (LoadConfigurationException exception)
        {
            throw new LoadConfigurationException($"stream '{message.Stream}' cannot be loaded into {operation.ObjectName} ({operation.Action}): {exception.Message}");
        }
    }
}

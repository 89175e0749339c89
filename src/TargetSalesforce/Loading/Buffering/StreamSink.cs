using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading.State;
using TargetSalesforce.Singer;
using TargetSalesforce.Singer.Validation;

namespace TargetSalesforce.Loading.Buffering;

/// <summary>
/// One stream: its schema and compiled checker, its writer (and a second one for deletes when
/// `process_deletes` meets a deleted record), and the buffers its encoded rows wait in. When the
/// rows go out is the <see cref="FlushEngine"/>'s call.
/// </summary>
internal sealed class StreamSink
{
    private const string DeletedAtProperty = "_sdc_deleted_at";

    private readonly IObjectLoader loader;
    private readonly FlushEngine flushes;
    private readonly StateTracker tracker;
    private readonly RecordOutcomes outcomes;
    private readonly LoadingOptions options;
    private readonly ILogger logger;
    private JObject schemaJson;
    private StreamSchema schema;
    private IReadOnlyList<string> keyProperties;
    private RowBuffer writes;
    private RowBuffer? deletes;
    private SingerRecordView? view;

    private StreamSink(
        SchemaMessage message, StreamSchema schema, IObjectWriter writer, StreamCounters counters,
        IObjectLoader loader, FlushEngine flushes, StateTracker tracker, RecordOutcomes outcomes, LoadingOptions options, ILogger logger)
    {
        this.loader = loader;
        this.flushes = flushes;
        this.tracker = tracker;
        this.outcomes = outcomes;
        this.options = options;
        this.logger = logger;
        schemaJson = message.Schema;
        this.schema = schema;
        keyProperties = message.KeyProperties;
        writes = flushes.Open(writer, counters);
        Counters = counters;
    }

    public string Stream => Counters.Stream;

    public ObjectOperation Operation => writes.Writer.Operation;

    public StreamCounters Counters { get; }

    /// <summary>Opens the stream at its first SCHEMA: its checker, and a writer for <paramref name="operation"/>.</summary>
    public static async Task<StreamSink> OpenAsync(
        SchemaMessage message, ObjectOperation operation,
        IObjectLoader loader, FlushEngine flushes, StateTracker tracker, RecordOutcomes outcomes, LoadingOptions options, ILogger logger,
        CancellationToken cancellationToken)
    {
        var schema = await StreamSchema.LoadAsync(message, cancellationToken).ConfigureAwait(false);
        var writer = await OpenWriterAsync(loader, message, operation, cancellationToken).ConfigureAwait(false);
        return new StreamSink(
            message, schema, writer, new StreamCounters(message.Stream, operation.ObjectName), loader, flushes, tracker, outcomes, options, logger);
    }

    /// <summary>A later SCHEMA: when it changes anything, the rows buffered so far go out under the old one first.</summary>
    public async Task ApplySchemaAsync(SchemaMessage message, CancellationToken cancellationToken)
    {
        if (JToken.DeepEquals(schemaJson, message.Schema) && keyProperties.SequenceEqual(message.KeyProperties))
        {
            return;
        }

        var next = await StreamSchema.LoadAsync(message, cancellationToken).ConfigureAwait(false);
        writes = await flushes.RestartAsync(writes, () => OpenWriterAsync(loader, message, Operation, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        schemaJson = message.Schema;
        schema = next;
        keyProperties = message.KeyProperties;
        deletes = null;
    }

    public async ValueTask AddAsync(RecordMessage message, CancellationToken cancellationToken)
    {
        var record = message.Record;
        Counters.AddRead();
        var segment = tracker.RecordRead();
        foreach (var key in keyProperties)
        {
            if (!record.ContainsKey(key))
            {
                throw new SingerInputException(message.Line, $"the record of stream '{Stream}' lacks its key property '{key}'");
            }
        }

        var raw = outcomes.KeepsRawRecords ? record.ToJson() : null;
        if (options.ValidateRecords && schema.Checker.Check(record) is { } violation)
        {
            Fail(message.Line, segment, raw, "INVALID_RECORD", $"does not match the stream's schema: {violation}");
            return;
        }

        var buffer = IsDeleted(record) ? await DeletesAsync(cancellationToken).ConfigureAwait(false) : writes;
        var encoded = buffer.Writer.Encode((view ??= new SingerRecordView(record)).Over(record));
        if (encoded.Rejection is { } rejection)
        {
            Fail(message.Line, segment, raw, rejection.ErrorCode, rejection.Message);
            return;
        }

        await flushes.AddAsync(buffer, new BufferedRow(encoded.Row, encoded.Key, message.Line, segment, raw), cancellationToken)
            .ConfigureAwait(false);
    }

    private bool IsDeleted(FlatRecord record) =>
        options.ProcessDeletes
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
            var writer = await OpenWriterAsync(loader, message, Operation with { Action = LoadAction.Delete }, cancellationToken)
                .ConfigureAwait(false);
            deletes = flushes.OpenCompanion(writes, writer);
        }

        return deletes;
    }

    private void Fail(long line, long segment, string? raw, string errorCode, string message) =>
        outcomes.FailedBeforeLoading(Counters, line, segment, raw, errorCode, message);

    private static async Task<IObjectWriter> OpenWriterAsync(
        IObjectLoader loader, SchemaMessage message, ObjectOperation operation, CancellationToken cancellationToken)
    {
        try
        {
            return await loader.OpenAsync(operation, StreamShapes.From(message), cancellationToken).ConfigureAwait(false);
        }
        catch (LoadConfigurationException exception)
        {
            throw new LoadConfigurationException($"stream '{message.Stream}' cannot be loaded into {operation.ObjectName} ({operation.Action}): {exception.Message}");
        }
    }
}

using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading.Shaping;
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

    // The stream's field map, and the record view that shows each record under it (null: no map).
    private readonly FieldRenames? renames;
    private readonly RenamedRecordView? renamedView;

    // Full-table versions: the policy, the keys written since the stream's last ACTIVATE_VERSION (one entry a row of
    // the table, which bounds memory by the table's size), and the stream's failures when that version began.
    private readonly VersionSweep? sweep;
    private HashSet<string> versionKeys = new(StringComparer.OrdinalIgnoreCase);
    private long failedBeforeVersion;

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
        sweep = options.SweepFor(message.Stream);
        renames = options.RenamesFor(message.Stream);
        renamedView = renames is null ? null : new RenamedRecordView(renames);
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
        // The schema's checker is built on another thread while the writer logs in and describes the object: a schema
        // beyond the plain keywords goes through NJsonSchema's model, whose first build in a process is about 0.2 s of
        // reflection, the login as much again. A bad schema's error still comes first; the writer's outcome is then only observed.
        var loading = Task.Run(() => StreamSchema.LoadAsync(message, cancellationToken), cancellationToken);
        var renames = options.RenamesFor(message.Stream);
        var opening = OpenWriterAsync(loader, message, operation, renames, cancellationToken);
        StreamSchema schema;
        try
        {
            schema = await loading.ConfigureAwait(false);
        }
        catch
        {
            _ = opening.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw;
        }

        if (renames is not null && renames.Unmatched(StreamShapes.From(message)) is { Count: > 0 } unmatched)
        {
            logger.LogWarning(
                "streams.{Stream}.fields maps properties the stream's schema does not have, so those entries are not used: {Properties}",
                message.Stream, string.Join(", ", unmatched));
        }

        var writer = await opening.ConfigureAwait(false);
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
        writes = await flushes.RestartAsync(writes, () => OpenWriterAsync(loader, message, Operation, renames, cancellationToken), cancellationToken)
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
        for (var k = 0; k < keyProperties.Count; k++) // not foreach: the list is an interface, whose enumerator is an allocation per record
        {
            var key = keyProperties[k];
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
        IRecordView seen = (view ??= new SingerRecordView(record)).Over(record);
        var encoded = buffer.Writer.Encode(renamedView is null ? seen : renamedView.Over(seen));
        if (encoded.Rejection is { } rejection)
        {
            Fail(message.Line, segment, raw, rejection.ErrorCode, rejection.Message);
            return;
        }

        if (sweep is not null && encoded.Key is { } written && buffer == writes)
        {
            versionKeys.Add(written);
        }

        var row = new BufferedRow(encoded.Row, encoded.Key, message.Line, segment, raw, encoded.ParentLock)
        {
            KeyJson = outcomes.WritesResults ? KeyJson(record) : null,
        };
        await flushes.AddAsync(buffer, row, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// The end of a full-table version: with a policy, once every record before it is committed, the rows of the
    /// stream's scope that the version did not write are deleted or marked. Runs on the loading loop, so no later
    /// STATE is read, let alone emitted, before the sweep is done.
    /// </summary>
    public async Task ActivateVersionAsync(ActivateVersionMessage message, CancellationToken cancellationToken)
    {
        var written = versionKeys;
        versionKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var failedBefore = failedBeforeVersion;
        if (sweep is null)
        {
            logger.LogInformation(
                "ACTIVATE_VERSION for stream '{Stream}' (version {Version}, line {Line}): activate_version is `ignore`, so no rows of older versions are removed",
                Stream, message.Version, message.Line);
            return;
        }

        var where = $"stream '{Stream}', ACTIVATE_VERSION at line {message.Line}";
        if (string.IsNullOrWhiteSpace(sweep.Scope))
        {
            throw new LoadConfigurationException(
                $"{where}: activate_version removes rows, and streams.{Stream}.scope is not set; give the SOQL condition naming the rows this stream owns.");
        }

        if (written.Count == 0)
        {
            failedBeforeVersion = Counters.Failed;
            logger.LogInformation("{Where}: no record of this version was read in this run (the marker that starts a version), so nothing is removed", where);
            return;
        }

        await flushes.SendAllAndWaitAsync(cancellationToken).ConfigureAwait(false);
        failedBeforeVersion = Counters.Failed;
        if (outcomes.Halted)
        {
            return;
        }

        if (Counters.Failed > failedBefore)
        {
            logger.LogWarning(
                "{Where}: {Failed} records of this version failed, so rows they name could look missing; nothing is removed for this version",
                where, Counters.Failed - failedBefore);
            return;
        }

        if (writes.Writer is not IVersionSweeper sweeper)
        {
            throw new LoadConfigurationException($"{where}: this destination cannot remove rows for a full-table version.");
        }

        SweepOutcome outcome;
        try
        {
            outcome = await sweeper.SweepAsync(sweep, written, cancellationToken).ConfigureAwait(false);
        }
        catch (LoadConfigurationException exception)
        {
            throw new LoadConfigurationException($"{where}: {exception.Message}");
        }
        catch (VersionSweepException exception)
        {
            throw new VersionSweepException($"{where}: {exception.Message}");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new VersionSweepException($"{where}: removing the rows the version no longer has failed: {exception.Message}");
        }

        logger.LogInformation("{Where}: {Written} keys written; {Missing} of {InScope} rows in scope were not, and were {Done}{Failed}",
            where, written.Count, outcome.Missing, outcome.InScope, sweep.Mode == SweepMode.DeleteMissing ? "deleted" : $"marked in {sweep.SoftDeleteField}",
            outcome.Failures.Count == 0 ? "" : $"; {outcome.Failures.Count} of them could not be");
        if (outcome.Failures.Count > 0)
        {
            var first = outcome.Failures[0];
            var summary = $"{outcome.Failures.Count} rows were not removed (first: {first.Id}, {first.ErrorCode}: {first.Message})";
            if (!outcomes.AllowFailures)
            {
                throw new VersionSweepException($"{where}: {summary}");
            }

            logger.LogWarning("{Where}: {Summary}", where, summary);
        }
    }

    /// <summary>The record's key properties as a JSON object, as the input names them (for the results file).</summary>
    private string KeyJson(FlatRecord record)
    {
        var key = new JObject();
        foreach (var property in keyProperties)
        {
            key[property] = record[property];
        }

        return key.ToString(Newtonsoft.Json.Formatting.None);
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
            var writer = await OpenWriterAsync(loader, message, Operation with { Action = LoadAction.Delete }, renames, cancellationToken)
                .ConfigureAwait(false);
            deletes = flushes.OpenCompanion(writes, writer);
        }

        return deletes;
    }

    private void Fail(long line, long segment, string? raw, string errorCode, string message) =>
        outcomes.FailedBeforeLoading(Counters, line, segment, raw, errorCode, message);

    private static async Task<IObjectWriter> OpenWriterAsync(
        IObjectLoader loader, SchemaMessage message, ObjectOperation operation, FieldRenames? renames, CancellationToken cancellationToken)
    {
        try
        {
            var shape = StreamShapes.From(message);
            return await loader.OpenAsync(operation, renames is null ? shape : renames.Apply(shape), cancellationToken).ConfigureAwait(false);
        }
        catch (LoadConfigurationException exception)
        {
            throw new LoadConfigurationException($"stream '{message.Stream}' cannot be loaded into {operation.ObjectName} ({operation.Action}): {exception.Message}");
        }
    }
}

using Microsoft.Extensions.Logging;
using TargetSalesforce.Destination;
using TargetSalesforce.Salesforce.Bulk;
using TargetSalesforce.Salesforce.Csv;
using TargetSalesforce.Salesforce.Describe;
using TargetSalesforce.Salesforce.Query;
using TargetSalesforce.Salesforce.References;

namespace TargetSalesforce.Salesforce;

/// <summary>
/// Updates or deletes rows a stream names by an external id rather than by Id. Rows are keyed by the external id, so
/// loading orders them after earlier upserts of the same key. Only when a batch's turn comes (those upserts
/// committed) are its keys looked up with Bulk query jobs; then the rows found go out as one Bulk update or delete
/// by Id. A key no row carries fails its record with <see cref="NotFound"/>; a key two rows carry, with
/// <see cref="Ambiguous"/>. A delete whose key is found only in the Recycle Bin was deleted already (a rerun): it
/// counts as done.
/// </summary>
internal sealed class ExternalIdKeyedWriter : IObjectWriter
{
    /// <summary>No row of the object carries the record's external id.</summary>
    public const string NotFound = "EXTERNAL_ID_NOT_FOUND";

    /// <summary>More than one row carries the record's external id, so which one it names is unknown.</summary>
    public const string Ambiguous = "DUPLICATE_EXTERNAL_ID";

    private readonly FieldMap map;
    private readonly FieldMap byId;
    private readonly byte[] byIdHeader;
    private readonly RecordEncoder encoder;
    private readonly ExternalIdLookup lookup;
    private readonly BulkBatchLoader batches;
    private readonly ILogger logger;
    private readonly ReferenceResolver? references;

    public ExternalIdKeyedWriter(
        FieldMap map, ExternalIdLookup lookup, BulkBatchLoader batches, ILogger logger, NonNillableNulls? nullNotices = null, ReferenceResolver? references = null)
    {
        this.map = map;
        this.lookup = lookup;
        this.batches = batches;
        this.logger = logger;
        this.references = references;
        encoder = new RecordEncoder(map, nullNotices);
        (byId, byIdHeader) = ById(map);
    }

    /// <summary>What Bulk API receives: the Id first; for an update, the stream's columns after it.</summary>
    private static (FieldMap Map, byte[] Header) ById(FieldMap map)
    {
        var id = new MappedColumn("Id", "Id", null, FieldMapper.IdField);
        var byId = map.Operation.Action == LoadAction.Update
            ? new FieldMap(map.Operation, map.ObjectName, [id, .. map.Columns], 0)
            : new FieldMap(map.Operation, map.ObjectName, [id], 0);
        return (byId, new RecordEncoder(byId).Header());
    }

    public ObjectOperation Operation => map.Operation;

    public IReadOnlyList<string> Columns => map.Headers;

    public IReadOnlyCollection<string> ParentObjects => map.ParentObjects;

    public EncodedRecord Encode(IRecordView record) => encoder.Encode(record);

    /// <summary>Nothing is staged: the Ids can be looked up only once the batch's turn comes.</summary>
    public Task<IStagedLoad> StageAsync(RowBatch batch, CancellationToken cancellationToken)
    {
        if (!batch.Columns.SequenceEqual(map.Headers, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"The batch's columns ({string.Join(",", batch.Columns)}) are not this writer's ({string.Join(",", map.Headers)}).", nameof(batch));
        }

        return Task.FromResult<IStagedLoad>(batch.Rows.Count == 0 ? FinishedLoad.Empty : new LookupThenLoad(this, batch.Rows));
    }

    /// <summary>Names resolved first (when the stream has any), then the rows found by their key.</summary>
    private async Task<BatchOutcome> LoadAsync(IReadOnlyList<ReadOnlyMemory<byte>> rows, CancellationToken cancellationToken)
    {
        if (!map.HasReferences)
        {
            return await LoadByIdAsync(map, byId, byIdHeader, rows, cancellationToken).ConfigureAwait(false);
        }

        var resolver = references ?? throw new InvalidOperationException($"The map of {map.ObjectName} has reference columns and the writer no resolver.");
        var resolved = await resolver.ResolveAsync(map, rows, cancellationToken).ConfigureAwait(false);
        if (resolved.Rows.Count == 0)
        {
            return new BatchOutcome([], resolved.Failures);
        }

        var (sentById, sentHeader) = ById(resolved.Map);
        return resolved.Merge(await LoadByIdAsync(resolved.Map, sentById, sentHeader, resolved.Rows, cancellationToken).ConfigureAwait(false));
    }

    private async Task<BatchOutcome> LoadByIdAsync(
        FieldMap map, FieldMap byId, byte[] byIdHeader, IReadOnlyList<ReadOnlyMemory<byte>> rows, CancellationToken cancellationToken)
    {
        var key = map.Columns[map.KeyColumn];
        var keys = new string[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            keys[i] = CsvTable.ParseRow(rows[i].Span)[map.KeyColumn];
        }

        var deleting = map.Operation.Action == LoadAction.Delete;
        var found = await lookup.FindAsync(map.ObjectName, key.Field.Name, key.Field.Type, keys.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            includeDeleted: deleting, cancellationToken).ConfigureAwait(false);

        var failures = new List<RowFailure>();
        var sent = new List<ReadOnlyMemory<byte>>();
        var sentFrom = new List<int>();
        var idsSent = new HashSet<string>(StringComparer.Ordinal);
        var alreadyDeleted = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            if (!found.TryGetValue(keys[i], out var match))
            {
                failures.Add(new RowFailure(i, NotFound, $"no {map.ObjectName} row has this {key.Field.Name}, so there is nothing to {FieldMapper.ActionName(map.Operation.Action)}"));
            }
            else if (match.DeletedOnly)
            {
                alreadyDeleted++;
            }
            else if (match.LiveIds.Count > 1 || !idsSent.Add(match.LiveIds[0]))
            {
                failures.Add(new RowFailure(i, Ambiguous, $"{match.LiveIds.Count} {map.ObjectName} rows have this {key.Field.Name}, so which one the record names is unknown"));
            }
            else
            {
                sent.Add(WithId(map.Operation.Action, match.LiveIds[0], rows[i]));
                sentFrom.Add(i);
            }
        }

        if (alreadyDeleted > 0 && logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("{Count} {Object} rows to delete were in the Recycle Bin already (deleted by an earlier run)", alreadyDeleted, map.ObjectName);
        }

        if (sent.Count == 0)
        {
            return new BatchOutcome([], failures);
        }

        var staged = await batches.StageAsync(byId, byIdHeader, sent, cancellationToken).ConfigureAwait(false);
        var outcome = await staged.CompleteAsync(cancellationToken).ConfigureAwait(false);
        failures.AddRange(outcome.Failures.Select(f => f with { RowIndex = sentFrom[f.RowIndex] }));
        return new BatchOutcome(outcome.JobIds, failures) { Successes = outcome.Successes.Select(s => s with { RowIndex = sentFrom[s.RowIndex] }).ToList() };
    }

    /// <summary>The row Bulk API takes: `Id` alone for a delete, `Id,` and the stream's row for an update.</summary>
    private static ReadOnlyMemory<byte> WithId(LoadAction action, string id, ReadOnlyMemory<byte> row)
    {
        var idBytes = System.Text.Encoding.UTF8.GetBytes(id);
        if (action != LoadAction.Update)
        {
            return idBytes.Append((byte)'\n').ToArray();
        }

        var line = new byte[idBytes.Length + 1 + row.Length];
        idBytes.CopyTo(line, 0);
        line[idBytes.Length] = (byte)',';
        row.Span.CopyTo(line.AsSpan(idBytes.Length + 1));
        return line;
    }

    /// <summary>A batch waiting for its turn: the lookup and the load happen on completion.</summary>
    private sealed class LookupThenLoad(ExternalIdKeyedWriter writer, IReadOnlyList<ReadOnlyMemory<byte>> rows) : IStagedLoad
    {
        public Task<BatchOutcome> CompleteAsync(CancellationToken cancellationToken) => writer.LoadAsync(rows, cancellationToken);

        public Task AbortAsync() => Task.CompletedTask;
    }
}

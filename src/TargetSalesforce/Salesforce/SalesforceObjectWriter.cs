using TargetSalesforce.Destination;
using TargetSalesforce.Salesforce.Bulk;
using TargetSalesforce.Salesforce.Collections;
using TargetSalesforce.Salesforce.Csv;
using TargetSalesforce.Salesforce.Describe;
using TargetSalesforce.Salesforce.References;

namespace TargetSalesforce.Salesforce;

/// <summary>
/// Encodes one stream's records for one object and loads each batch: a small one through sObject Collections
/// (at most <c>RestThresholdRows</c> rows), any other as Bulk jobs. Both read the same encoded rows, so a value
/// means the same either way, and the choice is made batch by batch.
/// A map with reference columns (names to look up, parents each record types) has them resolved first, batch by batch
/// (<see cref="ReferenceResolver"/>): the rows that fail there are reported with the batch's outcome and never sent.
/// </summary>
internal sealed class SalesforceObjectWriter(
    FieldMap map, BulkBatchLoader batches, CollectionsBatchLoader collections, int restThresholdRows, ScopeSweeper? sweeper = null,
    NonNillableNulls? nullNotices = null, ReferenceResolver? references = null) : IObjectWriter, IVersionSweeper
{
    private readonly RecordEncoder encoder = new(map, nullNotices);
    private readonly byte[] header = new RecordEncoder(map).Header();

    public ObjectOperation Operation => map.Operation;

    public IReadOnlyList<string> Columns => map.Headers;

    public IReadOnlyCollection<string> ParentObjects => map.ParentObjects;

    public bool LocksParents => map.LockColumns.Length > 0;

    public EncodedRecord Encode(IRecordView record) => encoder.Encode(record);

    public Task<IStagedLoad> StageAsync(RowBatch batch, CancellationToken cancellationToken)
    {
        if (!batch.Columns.SequenceEqual(map.Headers, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"The batch's columns ({string.Join(",", batch.Columns)}) are not this writer's ({string.Join(",", map.Headers)}).", nameof(batch));
        }

        if (batch.Rows.Count == 0)
        {
            return Task.FromResult<IStagedLoad>(FinishedLoad.Empty);
        }

        if (map.HasReferences)
        {
            return StageResolvedAsync(batch.Rows, cancellationToken);
        }

        return GoesByRest(batch.Rows.Count)
            ? Task.FromResult(collections.Stage(map, header, batch.Rows))
            : batches.StageAsync(map, header, batch.Rows, cancellationToken);
    }

    private async Task<IStagedLoad> StageResolvedAsync(IReadOnlyList<ReadOnlyMemory<byte>> rows, CancellationToken cancellationToken)
    {
        var resolver = references ?? throw new InvalidOperationException($"The map of {map.ObjectName} has reference columns and the writer no resolver.");
        var resolved = await resolver.ResolveAsync(map, rows, cancellationToken).ConfigureAwait(false);
        if (resolved.Rows.Count == 0)
        {
            return new FinishedLoad(new BatchOutcome([], resolved.Failures));
        }

        var staged = GoesByRest(resolved.Rows.Count)
            ? collections.Stage(resolved.Map, resolved.Header, resolved.Rows)
            : await batches.StageAsync(resolved.Map, resolved.Header, resolved.Rows, cancellationToken).ConfigureAwait(false);
        return new ResolvedLoad(staged, resolved);
    }

    public Task<SweepOutcome> SweepAsync(VersionSweep sweep, IReadOnlySet<string> writtenKeys, CancellationToken cancellationToken) =>
        sweeper is null
            ? throw new LoadConfigurationException($"full-table versions of {map.ObjectName} cannot be swept by this writer")
            : sweeper.SweepAsync(sweep, writtenKeys, cancellationToken);

    /// <summary>A load of resolved rows, whose outcome speaks of the batch the writer was given.</summary>
    private sealed class ResolvedLoad(IStagedLoad staged, ResolvedBatch resolved) : IStagedLoad
    {
        public async Task<BatchOutcome> CompleteAsync(CancellationToken cancellationToken) =>
            resolved.Merge(await staged.CompleteAsync(cancellationToken).ConfigureAwait(false));

        public Task AbortAsync() => staged.AbortAsync();
    }

    /// <summary>
    /// Small enough, and an action sObject Collections has: hard delete exists only in Bulk, and a Collections
    /// upsert takes only an external id ("Don't use record ids"), so an upsert on Id stays on Bulk.
    /// </summary>
    private bool GoesByRest(int rows) =>
        rows <= restThresholdRows && map.Operation.Action switch
        {
            LoadAction.HardDelete => false,
            LoadAction.Upsert => !string.Equals(map.Columns[map.KeyColumn].Header, "Id", StringComparison.OrdinalIgnoreCase),
            _ => true,
        };
}

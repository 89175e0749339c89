using TargetSalesforce.Destination;
using TargetSalesforce.Salesforce.Bulk;
using TargetSalesforce.Salesforce.Collections;
using TargetSalesforce.Salesforce.Csv;
using TargetSalesforce.Salesforce.Describe;

namespace TargetSalesforce.Salesforce;

/// <summary>
/// Encodes one stream's records for one object and loads each batch: a small one through sObject Collections
/// (at most <c>RestThresholdRows</c> rows), any other as Bulk jobs. Both read the same encoded rows, so a value
/// means the same either way, and the choice is made batch by batch.
/// </summary>
internal sealed class SalesforceObjectWriter(
    FieldMap map, BulkBatchLoader batches, CollectionsBatchLoader collections, int restThresholdRows, ScopeSweeper? sweeper = null,
    NonNillableNulls? nullNotices = null) : IObjectWriter, IVersionSweeper
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

        return GoesByRest(batch.Rows.Count)
            ? Task.FromResult(collections.Stage(map, header, batch.Rows))
            : batches.StageAsync(map, header, batch.Rows, cancellationToken);
    }

    public Task<SweepOutcome> SweepAsync(VersionSweep sweep, IReadOnlySet<string> writtenKeys, CancellationToken cancellationToken) =>
        sweeper is null
            ? throw new LoadConfigurationException($"full-table versions of {map.ObjectName} cannot be swept by this writer")
            : sweeper.SweepAsync(sweep, writtenKeys, cancellationToken);

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

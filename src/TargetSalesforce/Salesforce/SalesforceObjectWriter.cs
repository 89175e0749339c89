using TargetSalesforce.Destination;
using TargetSalesforce.Salesforce.Bulk;
using TargetSalesforce.Salesforce.Csv;
using TargetSalesforce.Salesforce.Describe;

namespace TargetSalesforce.Salesforce;

/// <summary>Encodes one stream's records for one object and loads its batches as Bulk jobs.</summary>
internal sealed class SalesforceObjectWriter(FieldMap map, BulkBatchLoader batches, ScopeSweeper? sweeper = null) : IObjectWriter, IVersionSweeper
{
    private readonly RecordEncoder encoder = new(map);
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

        return batch.Rows.Count == 0
            ? Task.FromResult<IStagedLoad>(FinishedLoad.Empty)
            : batches.StageAsync(map, header, batch.Rows, cancellationToken);
    }

    public Task<SweepOutcome> SweepAsync(VersionSweep sweep, IReadOnlySet<string> writtenKeys, CancellationToken cancellationToken) =>
        sweeper is null
            ? throw new LoadConfigurationException($"full-table versions of {map.ObjectName} cannot be swept by this writer")
            : sweeper.SweepAsync(sweep, writtenKeys, cancellationToken);
}

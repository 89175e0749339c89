using TargetSalesforce.Destination;

namespace TargetSalesforce.Loading.DryRun;

/// <summary>
/// `--dry-run`: opens every writer through the real loader (so each object is described and each
/// stream mapped and encoded exactly as a run would), but a batch is only counted: no job is created,
/// nothing reaches the org, and every row counts as one that would load.
/// </summary>
public sealed class DryRunLoader(IObjectLoader real, DryRunTally tally) : IObjectLoader
{
    public async Task<IObjectWriter> OpenAsync(ObjectOperation operation, StreamShape shape, CancellationToken cancellationToken) =>
        new CountingWriter(await real.OpenAsync(operation, shape, cancellationToken).ConfigureAwait(false), shape.Stream, tally);

    private sealed class CountingWriter(IObjectWriter writer, string stream, DryRunTally tally) : IObjectWriter
    {
        public ObjectOperation Operation => writer.Operation;

        public IReadOnlyList<string> Columns => writer.Columns;

        public IReadOnlyCollection<string> ParentObjects => writer.ParentObjects;

        public EncodedRecord Encode(IRecordView record) => writer.Encode(record);

        public Task<IStagedLoad> StageAsync(RowBatch batch, CancellationToken cancellationToken)
        {
            tally.Add(stream, writer.Operation, batch.Rows.Count);
            return Task.FromResult<IStagedLoad>(FinishedLoad.Empty);
        }
    }
}

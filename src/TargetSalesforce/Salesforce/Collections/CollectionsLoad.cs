using TargetSalesforce.Destination;
using TargetSalesforce.Salesforce.Describe;

namespace TargetSalesforce.Salesforce.Collections;

/// <summary>
/// A small batch bound for sObject Collections. Unlike a Bulk job there is nothing to stage: the calls go out
/// when the batch's turn comes (<see cref="CompleteAsync"/>), and an abort has nothing to clean up.
/// </summary>
internal sealed class CollectionsLoad(CollectionsBatchLoader loader, FieldMap map, byte[] header, IReadOnlyList<ReadOnlyMemory<byte>> rows) : IStagedLoad
{
    private int settled;

    public Task<BatchOutcome> CompleteAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref settled, 1) != 0)
        {
            throw new InvalidOperationException($"A batch of {rows.Count} {map.ObjectName} rows was already completed or aborted.");
        }

        return loader.LoadAsync(map, header, rows, cancellationToken);
    }

    public Task AbortAsync()
    {
        Interlocked.Exchange(ref settled, 1);
        return Task.CompletedTask;
    }
}

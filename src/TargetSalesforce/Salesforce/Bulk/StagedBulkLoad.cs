using TargetSalesforce.Destination;
using TargetSalesforce.Salesforce.Describe;

namespace TargetSalesforce.Salesforce.Bulk;

/// <summary>
/// A batch whose first job is created and uploaded but still open. Completing closes and finishes it,
/// then runs any further chunks; aborting drops the open job so it does not linger with our data.
/// </summary>
internal sealed class StagedBulkLoad(
    BulkBatchLoader batches,
    FieldMap map,
    byte[] header,
    IReadOnlyList<ReadOnlyMemory<byte>> rows,
    List<(int Start, int Count)> chunks,
    JobInfo firstJob,
    List<string> jobIds) : IStagedLoad
{
    private int settled;

    public async Task<BatchOutcome> CompleteAsync(CancellationToken cancellationToken)
    {
        Settle();
        var failures = new List<RowFailure>();
        var successes = new List<RowSuccess>();
        await batches.FinishChunkAsync(map, new RowSlice(rows, chunks[0].Start, chunks[0].Count), firstJob, failures, successes, cancellationToken).ConfigureAwait(false);
        foreach (var (start, count) in chunks.Skip(1))
        {
            await batches.RunChunkAsync(map, header, new RowSlice(rows, start, count), jobIds, failures, successes, cancellationToken).ConfigureAwait(false);
        }

        return new BatchOutcome(jobIds, failures) { Successes = successes };
    }

    public Task AbortAsync()
    {
        if (Interlocked.Exchange(ref settled, 1) != 0)
        {
            return Task.CompletedTask;
        }

        return batches.AbortQuietlyAsync(firstJob.Id, "staged but never closed: the run stopped before its turn");
    }

    // A staged job is closed once; completing after an abort (or twice) is a bug in the caller.
    private void Settle()
    {
        if (Interlocked.Exchange(ref settled, 1) != 0)
        {
            throw new InvalidOperationException($"Bulk job {firstJob.Id} was already completed or aborted.");
        }
    }
}

using System.Diagnostics.CodeAnalysis;

namespace SalesforceEmulator.Bulk.Processing;

/// <summary>
/// The org's Bulk workers, shared by every job: each takes one chunk at a time, from the jobs in the order they were
/// closed, a chunk becoming available the queue latency after its job closed. A job waits in UploadComplete until a
/// worker takes it, and is InProgress from then until its last chunk is done. All waits are on the emulator's clock.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    private readonly object gate = new();
    private readonly List<QueuedJob> queue = [];
    private readonly JobProcessor processor;
    private readonly TimeProvider time;
    private readonly TimeSpan queueLatency;
    [SuppressMessage("Usage", "CA2213", Justification = "Cancelled, not disposed: workers still finishing read its token; it holds no timer or wait handle.")]
    private readonly CancellationTokenSource lifetime = new();
    private readonly ProgressSignal changed = new();

    public WorkerPool(JobProcessor processor, EmulatorOptions options)
    {
        this.processor = processor;
        time = options.Time;
        queueLatency = options.QueueLatency;
        for (var worker = 0; worker < Math.Max(1, options.Workers); worker++)
            _ = Task.Run(() => WorkAsync(lifetime.Token), CancellationToken.None);
    }

    /// <summary>Queues a job that just moved to UploadComplete.</summary>
    public void Enqueue(IngestJob job)
    {
        lock (gate)
            queue.Add(new QueuedJob(job, time.GetUtcNow() + queueLatency));
        changed.Fire();
    }

    public void Dispose()
    {
        lifetime.Cancel();
        changed.Fire();
        lock (gate)
        {
            foreach (var queued in queue)
                queued.Prepared?.Abandon();
            queue.Clear();
        }
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        // When the worker started the preparation it has just finished, if it went straight on to a chunk: the chunk's
        // rows are paced from then, so the checking pass is part of the rate's time, not added to it.
        DateTimeOffset? preparingSince = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var (queued, chunk, waited) = await TakeAsync(cancellationToken).ConfigureAwait(false);
                var takenAt = time.GetUtcNow();
                var busySince = !waited && preparingSince is { } since ? since : takenAt;
                preparingSince = null;
                if (chunk < 0)
                {
                    Prepare(queued);
                    preparingSince = busySince;
                }
                else
                {
                    await RunChunkAsync(queued.Prepared!, chunk, busySince, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // An abort stopped the chunk, or the store was reset: take the next one (or end).
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
            {
                // The upload went away under a running chunk (the job was deleted): the worker carries on.
            }
        }
    }

    /// <summary>The next piece of work: a job to prepare (chunk -1) or a chunk of a prepared one; whether the worker waited for it.</summary>
    private async Task<(QueuedJob Job, int Chunk, bool Waited)> TakeAsync(CancellationToken cancellationToken)
    {
        var waited = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Task signal;
            DateTimeOffset? nextReady = null;
            lock (gate)
            {
                var now = time.GetUtcNow();
                for (var i = 0; i < queue.Count; i++)
                {
                    var queued = queue[i];
                    if (queued.Job.AbortSource.IsCancellationRequested && !queued.Preparing)
                    {
                        queued.Prepared?.Abandon();
                        queue.RemoveAt(i--);
                        continue;
                    }
                    if (queued.ReadyAt > now)
                    {
                        nextReady = nextReady is { } earlier && earlier < queued.ReadyAt ? earlier : queued.ReadyAt;
                        continue;
                    }
                    if (queued.Prepared is { } prepared)
                    {
                        if (prepared.HasChunkLeft)
                        {
                            var chunk = prepared.TakeChunk();
                            if (!prepared.HasChunkLeft)
                                queue.RemoveAt(i);
                            return (queued, chunk, waited);
                        }
                        queue.RemoveAt(i--);
                        continue;
                    }
                    if (!queued.Preparing)
                    {
                        queued.Preparing = true;
                        return (queued, -1, waited);
                    }
                }
                signal = changed.Next;
            }
            waited = true;
            if (nextReady is { } ready)
            {
                using var timer = new CancellationTokenSource(ready - time.GetUtcNow() is var due && due > TimeSpan.Zero ? due : TimeSpan.Zero, time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
                try
                {
                    await signal.WaitAsync(linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The next job's latency is over: look again.
                }
            }
            else
            {
                await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [SuppressMessage("Reliability", "CA2000", Justification = "The queue entry owns the prepared job: its reader closes after the last chunk's read, or when the job is abandoned.")]
    private void Prepare(QueuedJob queued)
    {
        PreparedJob? prepared = null;
        try
        {
            prepared = processor.Prepare(queued.Job);
        }
        finally
        {
            lock (gate)
            {
                queued.Preparing = false;
                if (prepared is null)
                    queue.Remove(queued);
                else
                    queued.Prepared = prepared;
            }
            changed.Fire();
        }
    }

    private async Task RunChunkAsync(PreparedJob prepared, int chunk, DateTimeOffset busySince, CancellationToken cancellationToken)
    {
        try
        {
            var rows = prepared.Read(chunk);
            await processor.RunChunkAsync(prepared, rows, busySince, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (prepared.FinishChunk() && !cancellationToken.IsCancellationRequested)
                processor.Complete(prepared.Job);
        }
    }

    /// <summary>A closed job in the queue: when its chunks may be taken, and its preparation.</summary>
    private sealed class QueuedJob(IngestJob job, DateTimeOffset readyAt)
    {
        public IngestJob Job => job;

        public DateTimeOffset ReadyAt => readyAt;

        /// <summary>A worker is checking the upload now.</summary>
        public bool Preparing { get; set; }

        public PreparedJob? Prepared { get; set; }
    }
}

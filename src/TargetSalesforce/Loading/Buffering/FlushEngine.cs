using TargetSalesforce.Destination;
using TargetSalesforce.Loading.Jobs;

namespace TargetSalesforce.Loading.Buffering;

/// <summary>
/// Every buffer of the run, and the one place that decides when a buffer's rows become a batch for the
/// job scheduler:
/// <list type="bullet">
/// <item>rows: a buffer holding a batch's rows goes out (a buffer's first batch may be smaller, so the destination starts sooner;
/// rows that name the parents they lock gather a larger batch, see <see cref="FlushOptions.LockBatchRows"/>);</item>
/// <item>bytes: a row that would take a buffer past the byte limit sends the buffer first; a buffer at the limit goes out;</item>
/// <item>age: a buffer whose oldest row has waited the age limit goes out though not full, so state keeps moving on a slow tap;</item>
/// <item>same key: a row whose key waits in the stream's other buffer (writes and deletes) sends that one first, so the later record wins;
/// when every version is sent (<see cref="FlushOptions.SendEveryVersion"/>), a repeat of a key the batch names waits for the next batch;</item>
/// <item>schema change: a stream's buffers go out before its new schema applies;</item>
/// <item>parents first: before a batch goes out, the buffers of the objects its relationship columns look up go out,
/// since the destination resolves a lookup only against records already committed;</item>
/// <item>end of input: every buffer goes out, a stream's last rows in small jobs (<see cref="FlushOptions.EndJobRows"/>), so that
/// Salesforce's idle workers share the tail rather than one worker running the last chunk alone;</item>
/// <item>reserve: while Salesforce has enough of the run's jobs queued, a stream keeps its newest full batches back
/// (<see cref="FlushOptions.ReserveRows"/>), for the end of input to cut small; they go out whole once fewer jobs are queued
/// (a job's end wakes the loading loop), the reserve is full, or they reach the age limit.</item>
/// <item>parent locks: the rows of a writer that locks parents go out ordered by parent, in jobs of one Salesforce chunk
/// cut at parent boundaries (<see cref="ParentGroupedJobs"/>), each job naming its parents so that no two in flight share one.</item>
/// </list>
/// It runs on the loading loop only; a timer merely asks that loop to check the ages.
/// </summary>
internal sealed class FlushEngine
{
    private static readonly TimeSpan ShortestAgeTick = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestAgeTick = TimeSpan.FromSeconds(5);

    // A reserve never holds more than this many batches, whatever their size: the memory it adds stays that of a few jobs.
    private const int ReserveBatches = 3;

    private readonly JobScheduler jobs;
    private readonly TimeProvider time;
    private readonly int maxBatchRows;
    private readonly int firstBatchRows;
    private readonly int lockBatchRows;
    private readonly int lockJobsPerBatch;
    private readonly long maxBatchBytes;
    private readonly TimeSpan maxAge;
    private readonly bool lockAwareOrdering;
    private readonly bool sendEveryVersion;
    private readonly int reserveRows;
    private readonly int reserveWhileJobsQueued;
    private readonly int endJobRows;

    // Asks the loading loop to call FlushAgedAsync (see StartTicks); null until ticks start.
    private Action? tick;

    // In TimeProvider timestamps; long.MaxValue when buffers never age out.
    private readonly long ageLimit;

    // A stream's buffers side by side (writes, then its deletes), streams in the order they opened: the order they flush in.
    private readonly List<RowBuffer> buffers = [];

    // Buffers whose batch is being sent (waiting for their parents to go first): a cycle of lookups (A → B → A)
    // and a buffer's own held repeats must not go before that batch.
    private readonly HashSet<RowBuffer> emitting = [];

    // When the oldest buffered row may have grown too old; long.MaxValue when nothing waits.
    private long nextAgeCheck = long.MaxValue;

    public FlushEngine(FlushOptions options, JobScheduler jobs, TimeProvider time)
    {
        this.jobs = jobs;
        this.time = time;
        maxBatchRows = Math.Max(1, options.MaxBatchRows);
        firstBatchRows = Math.Clamp(options.FirstBatchRows, 1, maxBatchRows);
        lockBatchRows = Math.Max(maxBatchRows, options.LockBatchRows);
        lockJobsPerBatch = Math.Max(1, options.LockJobsPerBatch);
        maxBatchBytes = Math.Max(1, options.MaxBatchBytes);
        maxAge = options.MaxAge;
        lockAwareOrdering = options.LockAwareOrdering;
        sendEveryVersion = options.SendEveryVersion;
        reserveRows = Math.Clamp(options.ReserveRows, 0, ReserveBatches * maxBatchRows);
        reserveWhileJobsQueued = Math.Max(1, options.ReserveWhileJobsQueued);
        endJobRows = Math.Max(0, options.EndJobRows);
        ageLimit = maxAge > TimeSpan.Zero ? (long)(maxAge.TotalSeconds * time.TimestampFrequency) : long.MaxValue;
    }

    /// <summary>A new buffer for a stream's writer.</summary>
    public RowBuffer Open(IObjectWriter writer, StreamCounters counters)
    {
        var buffer = new RowBuffer(writer, counters, sendEveryVersion);
        buffers.Add(buffer);
        return buffer;
    }

    /// <summary>A second buffer of the same stream (its deletes), flushed right after <paramref name="of"/>.</summary>
    public RowBuffer OpenCompanion(RowBuffer of, IObjectWriter writer)
    {
        var buffer = new RowBuffer(writer, of.Counters, sendEveryVersion) { Companion = of };
        of.Companion = buffer;
        buffers.Insert(buffers.IndexOf(of) + 1, buffer);
        return buffer;
    }

    /// <summary>
    /// A stream's schema changed: its buffered rows go out under the old schema, and it starts over with one buffer
    /// for <paramref name="writer"/> in the same place. <paramref name="openWriter"/> runs after the flush.
    /// </summary>
    public async Task<RowBuffer> RestartAsync(RowBuffer buffer, Func<Task<IObjectWriter>> openWriter, CancellationToken cancellationToken)
    {
        await DrainAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (buffer.Companion is { } companion)
        {
            await DrainAsync(companion, cancellationToken).ConfigureAwait(false);
        }

        var writer = await openWriter().ConfigureAwait(false);
        var restarted = new RowBuffer(writer, buffer.Counters, sendEveryVersion);
        buffers[buffers.IndexOf(buffer)] = restarted;
        if (buffer.Companion is { } dropped)
        {
            buffers.Remove(dropped);
        }

        return restarted;
    }

    /// <summary>Adds one row to <paramref name="buffer"/>, sending out whatever the rules say must go first or now.</summary>
    // Per-record hot path: without a state machine while nothing is sent, which is all but one row in thousands.
    public ValueTask AddAsync(RowBuffer buffer, BufferedRow row, CancellationToken cancellationToken)
    {
        if (MustSendFirst(buffer, row))
        {
            return AddAfterSendingAsync(buffer, row, cancellationToken);
        }

        Keep(buffer, row);
        return IsFull(buffer) ? new ValueTask(EmitAsync(buffer, cancellationToken, mayReserve: true)) : ValueTask.CompletedTask;
    }

    private async ValueTask AddAfterSendingAsync(RowBuffer buffer, BufferedRow row, CancellationToken cancellationToken)
    {
        if (KeyWaitsInCompanion(buffer, row))
        {
            // The same row is waiting in the other buffer: it goes first (every held version of it too), so the later record wins.
            await DrainAsync(buffer.Companion!, cancellationToken).ConfigureAwait(false);
        }

        if (WouldPassByteLimit(buffer, row))
        {
            await EmitAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        Keep(buffer, row);
        if (IsFull(buffer))
        {
            await EmitAsync(buffer, cancellationToken, mayReserve: true).ConfigureAwait(false);
        }
    }

    private bool MustSendFirst(RowBuffer buffer, BufferedRow row) => KeyWaitsInCompanion(buffer, row) || WouldPassByteLimit(buffer, row);

    /// <summary>
    /// The row's key waits in the stream's other buffer (writes and deletes). A reserve there (kept from before the stream
    /// had both) counts as waiting: its keys are not indexed.
    /// </summary>
    private static bool KeyWaitsInCompanion(RowBuffer buffer, BufferedRow row) =>
        row.Key is not null && buffer.Companion is { } other && (other.HasReserve || other.Count > 0 && other.Contains(row.Key));

    /// <summary>The row would take a buffer that holds rows past the byte limit.</summary>
    private bool WouldPassByteLimit(RowBuffer buffer, BufferedRow row) => buffer.Count > 0 && buffer.Bytes + row.Row.Length > maxBatchBytes;

    private void Keep(RowBuffer buffer, BufferedRow row)
    {
        if (buffer.Count == 0)
        {
            // Only the first row's time is kept: the buffer is as old as its oldest row.
            var now = time.GetTimestamp();
            buffer.Add(row, now);
            if (ageLimit != long.MaxValue)
            {
                nextAgeCheck = Math.Min(nextAgeCheck, now + ageLimit);
            }
        }
        else
        {
            buffer.Add(row, 0);
        }
    }

    private bool IsFull(RowBuffer buffer) => buffer.Count >= RowsForBatch(buffer) || buffer.Bytes >= maxBatchBytes;

    /// <summary>Flushes the buffers past the age limit, if the oldest may be: cheap enough to call after every message.</summary>
    public ValueTask FlushAgedIfDueAsync(CancellationToken cancellationToken) =>
        nextAgeCheck != long.MaxValue && time.GetTimestamp() >= nextAgeCheck
            ? new ValueTask(FlushAgedAsync(cancellationToken))
            : ValueTask.CompletedTask;

    /// <summary>
    /// A tick (the age timer, or a job's end): batches kept back go out while Salesforce has few of the run's jobs queued,
    /// then every buffer whose oldest row has waited the age limit.
    /// </summary>
    public async Task FlushAgedAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < buffers.Count; i++)
        {
            if (!emitting.Contains(buffers[i]))
            {
                await ReleaseReserveAsync(buffers[i], cancellationToken, onlyWhileFewQueued: true).ConfigureAwait(false);
            }
        }

        if (ageLimit == long.MaxValue)
        {
            return;
        }

        var startedBy = time.GetTimestamp() - ageLimit;
        for (var i = 0; i < buffers.Count; i++)
        {
            var buffer = buffers[i];
            if (buffer.HasReserve && buffer.ReserveStartedAt <= startedBy)
            {
                await ReleaseReserveAsync(buffer, cancellationToken).ConfigureAwait(false);
            }

            if (buffer.Count > 0 && buffer.StartedAt <= startedBy)
            {
                await EmitAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
        }

        nextAgeCheck = long.MaxValue;
        foreach (var buffer in buffers)
        {
            if (buffer.HasReserve)
            {
                nextAgeCheck = Math.Min(nextAgeCheck, buffer.ReserveStartedAt + ageLimit);
            }

            if (buffer.Count > 0)
            {
                nextAgeCheck = Math.Min(nextAgeCheck, buffer.StartedAt + ageLimit);
            }
        }
    }

    /// <summary>
    /// End of input: every buffer goes out; a stream whose batches go whole sends its reserve and its last rows as jobs of
    /// about <see cref="FlushOptions.EndJobRows"/>, batch by batch, so that no job names a key twice.
    /// </summary>
    public async Task FlushAtEndAsync(CancellationToken cancellationToken)
    {
        if (endJobRows == 0)
        {
            await FlushAllAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        for (var i = 0; i < buffers.Count; i++)
        {
            var buffer = buffers[i];
            while (buffer.HasReserve)
            {
                await SubmitEndPiecesAsync(buffer, buffer.TakeReserved(), cancellationToken).ConfigureAwait(false);
            }

            while (buffer.Count > 0)
            {
                if (!GoesWhole(buffer))
                {
                    await DrainAsync(buffer, cancellationToken).ConfigureAwait(false);
                    break;
                }

                await SubmitEndPiecesAsync(buffer, buffer.Take(), cancellationToken).ConfigureAwait(false);
            }
        }

        nextAgeCheck = long.MaxValue;
    }

    private async Task SubmitEndPiecesAsync(RowBuffer buffer, BufferedRow[] rows, CancellationToken cancellationToken)
    {
        var pieces = Math.Max(1, rows.Length / endJobRows);
        for (var piece = 0; piece < pieces; piece++)
        {
            var part = pieces == 1 ? rows : rows[(int)((long)rows.Length * piece / pieces)..(int)((long)rows.Length * (piece + 1) / pieces)];
            await SubmitWholeAsync(buffer, part, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every buffer goes out as it stands (before a halt on a bad record, or a full-table sweep).</summary>
    public async Task FlushAllAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < buffers.Count; i++)
        {
            await DrainAsync(buffers[i], cancellationToken).ConfigureAwait(false);
        }

        nextAgeCheck = long.MaxValue;
    }

    /// <summary>Every buffer goes out and every job admitted ends: what a full-table sweep must see committed first.</summary>
    public async Task SendAllAndWaitAsync(CancellationToken cancellationToken)
    {
        await FlushAllAsync(cancellationToken).ConfigureAwait(false);
        await jobs.WhenIdleAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Calls <paramref name="tick"/> now and then, so the loading loop checks ages even while no message comes
    /// (a quiet tap), and when a job ends, so batches kept back go out once few jobs are queued. The timer (null when
    /// buffers never age out) ticks every quarter of the age limit, within 50 ms and 5 s.
    /// </summary>
    public ITimer? StartTicks(Action tick)
    {
        this.tick = tick;
        if (maxAge <= TimeSpan.Zero)
        {
            return null;
        }

        var period = TimeSpan.FromSeconds(Math.Clamp(maxAge.TotalSeconds / 4, ShortestAgeTick.TotalSeconds, LongestAgeTick.TotalSeconds));
        return time.CreateTimer(_ => tick(), null, period, period);
    }

    /// <summary>
    /// The row limit of a buffer's next batch: its first may be smaller, so the destination starts sooner; rows that name
    /// the parents they lock gather a larger batch, to be ordered by parent and cut into jobs.
    /// </summary>
    private int RowsForBatch(RowBuffer buffer) =>
        lockAwareOrdering && buffer.NamesParents && buffer.Writer.LocksParents ? lockBatchRows
        : buffer.Taken == 0 ? firstBatchRows
        : maxBatchRows;

    /// <summary>
    /// The buffer's next batch goes whole, with nothing to precede it: no lookups of other objects, no companion (writes
    /// and deletes of one stream), and no row naming a parent it locks (those are cut by parent). Only such batches are
    /// kept back and split at the end.
    /// </summary>
    private bool GoesWhole(RowBuffer buffer) =>
        buffer.Companion is null && buffer.Writer.ParentObjects.Count == 0 && !(lockAwareOrdering && buffer.NamesParents && buffer.Writer.LocksParents);

    /// <summary>
    /// Sends a buffer's rows as one job, after the buffered rows of every object they look up. A full batch
    /// (<paramref name="mayReserve"/>) is kept back instead while Salesforce has enough of the run's jobs queued.
    /// </summary>
    private async Task EmitAsync(RowBuffer buffer, CancellationToken cancellationToken, bool mayReserve = false)
    {
        if (buffer.Count == 0 || !emitting.Add(buffer))
        {
            return;
        }

        try
        {
            if (mayReserve && reserveRows > 0 && GoesWhole(buffer) && jobs.Admitted >= reserveWhileJobsQueued)
            {
                await ReserveAsync(buffer, cancellationToken).ConfigureAwait(false);
                return;
            }

            await ReleaseReserveAsync(buffer, cancellationToken).ConfigureAwait(false);
            await EmitTakenAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            emitting.Remove(buffer);
        }
    }

    /// <summary>Keeps the buffer's batch back; the oldest batches kept go out once the reserve holds more than its rows.</summary>
    private async Task ReserveAsync(RowBuffer buffer, CancellationToken cancellationToken)
    {
        var startedAt = buffer.StartedAt;
        buffer.Reserve(buffer.Take(), startedAt);
        if (buffer.Count > 0 && ageLimit != long.MaxValue)
        {
            nextAgeCheck = Math.Min(nextAgeCheck, buffer.StartedAt + ageLimit);
        }

        while (buffer.ReservedRows > reserveRows)
        {
            await SubmitWholeAsync(buffer, buffer.TakeReserved(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The batches a buffer kept back go out, oldest first, each whole: all of them, or (<paramref name="onlyWhileFewQueued"/>)
    /// only while Salesforce has fewer of the run's jobs queued than make a reserve worth keeping.
    /// </summary>
    private async Task ReleaseReserveAsync(RowBuffer buffer, CancellationToken cancellationToken, bool onlyWhileFewQueued = false)
    {
        while (buffer.HasReserve && (!onlyWhileFewQueued || jobs.Admitted < reserveWhileJobsQueued))
        {
            await SubmitWholeAsync(buffer, buffer.TakeReserved(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Admits <paramref name="rows"/> of <paramref name="buffer"/> as one job.</summary>
    private Task SubmitWholeAsync(RowBuffer buffer, BufferedRow[] rows, CancellationToken cancellationToken) =>
        SubmitAsync(new LoadJob(buffer.Counters, buffer.Writer, rows), cancellationToken);

    /// <summary>Admits a job; when batches may be kept back, its end wakes the loading loop to see whether they should go.</summary>
    private Task SubmitAsync(LoadJob job, CancellationToken cancellationToken)
    {
        if (reserveRows > 0)
        {
            job.Done.ContinueWith(static (_, engine) => ((FlushEngine)engine!).tick?.Invoke(), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return jobs.SubmitAsync(job, cancellationToken);
    }

    private async Task EmitTakenAsync(RowBuffer buffer, CancellationToken cancellationToken)
    {
        var rows = buffer.Take();
        if (buffer.Count > 0 && ageLimit != long.MaxValue)
        {
            // Held repeats stay for the next batch, as old as the rows they came with.
            nextAgeCheck = Math.Min(nextAgeCheck, buffer.StartedAt + ageLimit);
        }

        foreach (var parent in buffer.Writer.ParentObjects)
        {
            for (var i = 0; i < buffers.Count; i++)
            {
                if (string.Equals(buffers[i].Writer.Operation.ObjectName, parent, StringComparison.OrdinalIgnoreCase))
                {
                    await DrainAsync(buffers[i], cancellationToken).ConfigureAwait(false);
                }
            }
        }

        // A batch whose rows name no parent (the lock-taking column left empty) locks nothing: it goes whole.
        if (!lockAwareOrdering || !buffer.Writer.LocksParents || !Array.Exists(rows, r => r.ParentLock is not null))
        {
            await SubmitWholeAsync(buffer, rows, cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var part in ParentGroupedJobs.Cut(rows, Math.Min(ParentGroupedJobs.JobRows(rows.Length, lockJobsPerBatch), maxBatchRows)))
        {
            var job = new LoadJob(buffer.Counters, buffer.Writer, part) { ParentLocks = ParentGroupedJobs.ParentsOf(part) };
            await SubmitAsync(job, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends a buffer's rows until none is left: its held repeats go as batches of their own, in order.</summary>
    private async Task DrainAsync(RowBuffer buffer, CancellationToken cancellationToken)
    {
        if (!emitting.Contains(buffer))
        {
            await ReleaseReserveAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        while (buffer.Count > 0 && !emitting.Contains(buffer))
        {
            await EmitAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
    }
}

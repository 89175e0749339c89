using SalesforceEmulator.Bulk.Csv;
using SalesforceEmulator.Bulk.Processing;
using SalesforceEmulator.Bulk.Rows;
using SalesforceEmulator.Faults;
using SalesforceEmulator.Org;
using SalesforceEmulator.Rest;

namespace SalesforceEmulator.Bulk;

/// <summary>
/// Processes closed jobs the way Salesforce does. <see cref="Prepare"/> checks a whole upload first (so a bad file
/// fails the job with nothing written, as the real API does) and splits it into chunks of 10,000 rows;
/// <see cref="RunChunkAsync"/> applies one chunk on a worker of the <see cref="WorkerPool"/>, in transactions of 200
/// rows, each holding the locks of the parents its rows name while its rows are saved at the processing rate.
/// </summary>
public sealed class JobProcessor(OrgStore org, FaultPlan faults, ApiUsage usage, EmulatorOptions options, ParentLocks locks)
{
    /// <summary>Rows in one internal batch: Salesforce splits a Bulk API 2.0 job into chunks of 10,000 records.</summary>
    public const int ChunkSize = 10_000;

    /// <summary>Rows saved in one transaction: Salesforce saves a chunk 200 records at a time (the trigger batch size).</summary>
    public const int TransactionSize = 200;

    private static readonly TimeSpan MinimumPacingWait = TimeSpan.FromMilliseconds(1);

    private static readonly IReadOnlySet<string> NoParents = new HashSet<string>();

    private readonly TimeProvider time = options.Time;

    /// <summary>
    /// Starts a job a worker took from the queue: UploadComplete → InProgress, then the checking pass. Null when the
    /// job needs no chunk run (aborted meanwhile, failed, or empty: then it is already complete).
    /// </summary>
    internal PreparedJob? Prepare(IngestJob job)
    {
        lock (job.Gate)
        {
            if (!job.TryMove(JobState.UploadComplete, JobState.InProgress, time.GetUtcNow()))
                return null; // aborted or deleted while queued
        }
        try
        {
            if (faults.ForcedJobFailure(job.Id, job.ObjectName) is { } forced)
            {
                Fail(job, forced);
                return null;
            }
            var table = org.Find(job.ObjectName)!;
            var (plan, keys) = job.UploadPath is null ? (null, null) : Check(job, table);
            if (plan is null || job.RowCount == 0)
            {
                if (plan is null)
                    job.PrepareOutcomes(0);
                Complete(job);
                return null;
            }
            job.ChunkCount = (job.RowCount + ChunkSize - 1) / ChunkSize;
            return new PreparedJob(job, table, plan, keys!, LockColumns.For(plan, org, job.Operation));
        }
        catch (UploadRejectedException rejected)
        {
            Fail(job, rejected.Message);
            return null;
        }
    }

    /// <summary>
    /// Applies one chunk's rows; the job's counters move by the chunk's rows when it ends, however it ends. Rows are
    /// paced from <paramref name="busySince"/>, when the worker took the chunk (or the job's checking pass just
    /// before it), so reading and checking the rows count within the processing rate rather than on top of it.
    /// </summary>
    internal async Task RunChunkAsync(PreparedJob prepared, ChunkRows rows, DateTimeOffset busySince, CancellationToken cancellationToken)
    {
        var job = prepared.Job;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, job.AbortSource.Token);
        var token = linked.Token;
        var writer = new RowWriter(prepared.Table, org, prepared.Plan, job.Operation, time);
        var row = new CsvRow();
        var secondsPerRow = (options.ProcessingRate is double rate ? 1 / rate : 0)
            + prepared.Table.Schema.Definition.TriggerMillisPerRow / 1000;
        var origin = busySince;
        var processed = 0;
        var failed = 0;
        var parents = new HashSet<string>(StringComparer.Ordinal);
        var rowParents = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            for (var start = 0; start < rows.Count; start += TransactionSize)
            {
                var end = Math.Min(start + TransactionSize, rows.Count);
                var busy = NoParents;
                parents.Clear();
                if (prepared.Locks is { } lockColumns)
                {
                    for (var k = start; k < end; k++)
                    {
                        rows.CopyTo(k, row);
                        lockColumns.AddParents(row, parents);
                    }
                    var before = time.GetUtcNow();
                    busy = await locks.AcquireAsync(parents, options.LockTimeout, job.SetWaitingForLock, token).ConfigureAwait(false);
                    origin += time.GetUtcNow() - before; // waiting for a lock is not processing: the rate resumes after it
                }
                try
                {
                    for (var k = start; k < end; k++)
                    {
                        if (secondsPerRow > 0)
                            await PaceAsync(job, k, secondsPerRow, origin, token).ConfigureAwait(false);
                        else if ((k & 0x3FF) == 0)
                            token.ThrowIfCancellationRequested();
                        rows.CopyTo(k, row);
                        var index = rows.FirstRow + k;
                        var outcome = busy.Count > 0 && LockedParent(prepared.Locks!, row, busy, rowParents) is { } locked
                            ? RowOutcome.Fail(RowErrors.UnableToLockRow(locked))
                            : writer.Apply(row, faults.ShouldLockRow(job.Id, index), prepared.Keys.IsRepeated(index));
                        job.Record(index, outcome);
                        processed++;
                        if (outcome.Error is not null)
                            failed++;
                    }
                }
                finally
                {
                    if (parents.Count > 0)
                        locks.Release(busy.Count == 0 ? parents : parents.Where(p => !busy.Contains(p)));
                }
            }
        }
        finally
        {
            job.PublishChunk(processed, failed);
            org.CountRows(job.ObjectName, job.Operation.ApiName(), processed - failed);
            usage.CountBulkJob(processed);
        }
    }

    /// <summary>Marks a job whose every chunk is done as complete (an abort meanwhile wins).</summary>
    internal void Complete(IngestJob job)
    {
        lock (job.Gate)
            job.TryMove(JobState.InProgress, JobState.JobComplete, time.GetUtcNow());
    }

    /// <summary>The first parent of the row that its transaction could not lock, or null.</summary>
    private static string? LockedParent(LockColumns lockColumns, CsvRow row, IReadOnlySet<string> busy, HashSet<string> rowParents)
    {
        rowParents.Clear();
        lockColumns.AddParents(row, rowParents);
        foreach (var parent in rowParents)
        {
            if (busy.Contains(parent))
                return parent;
        }
        return null;
    }

    private void Fail(IngestJob job, string message)
    {
        lock (job.Gate)
            job.TryMove(JobState.InProgress, JobState.Failed, time.GetUtcNow(), message);
    }

    /// <summary>Reads the whole upload once: header, row shapes, line endings and upsert keys repeated within the job.</summary>
    private (ColumnPlan? Plan, RepeatedKeys? Keys) Check(IngestJob job, SObjectTable table)
    {
        using var reader = job.OpenUpload();
        var row = new CsvRow();
        if (!reader.ReadRow(row))
        {
            job.PrepareOutcomes(0);
            return (null, null); // an empty upload: nothing to do
        }
        job.Header = row.ToStringArray();
        job.HeaderQuoted = row.QuotedFlags();
        var plan = ColumnPlan.Build(job.Header, table, org, job.Operation, job.ExternalIdFieldName);

        var keyColumn = plan.KeyColumn;
        var keys = new RepeatedKeys();
        var rows = 0;
        while (reader.ReadRow(row))
        {
            rows++;
            if (row.Count != job.Header.Count)
                throw new UploadRejectedException(
                    $"InvalidBatch : Failed to parse CSV. Record {rows} has {row.Count} columns but the header has {job.Header.Count}");
            if (keyColumn >= 0)
            {
                var key = row[keyColumn];
                if (key.Length > 0 && !key.SequenceEqual("#N/A"))
                    keys.Add(rows - 1, key);
            }
        }
        job.PrepareOutcomes(rows);
        return (plan, keys);
    }

    /// <summary>
    /// Waits until the clock allows the chunk's row <paramref name="index"/>: <paramref name="secondsPerRow"/> after
    /// <paramref name="origin"/> one row may be done, so by time t, t / secondsPerRow rows.
    /// </summary>
    private async Task PaceAsync(IngestJob job, int index, double secondsPerRow, DateTimeOffset origin, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var elapsed = time.GetUtcNow() - origin;
            var allowed = (long)Math.Floor(elapsed.TotalSeconds / secondsPerRow + 1e-9);
            if (index < allowed)
                return;
            // At least a millisecond: a shorter delay is no sleep at all (timers count whole milliseconds), and at
            // thousands of rows a second each worker would spin on the clock and starve the requests of both cores.
            // The rows allowed meanwhile are then done together, so the rate still holds.
            var due = TimeSpan.FromSeconds((index + 1) * secondsPerRow) - elapsed;
            var waiting = Task.Delay(due > MinimumPacingWait ? due : MinimumPacingWait, time, cancellationToken);
            job.SetWaitingForClock(true);
            try
            {
                await waiting.ConfigureAwait(false);
            }
            finally
            {
                job.SetWaitingForClock(false);
            }
        }
    }
}

using SalesforceEmulator.Bulk.Csv;
using SalesforceEmulator.Bulk.Rows;
using SalesforceEmulator.Faults;
using SalesforceEmulator.Org;
using SalesforceEmulator.Rest;

namespace SalesforceEmulator.Bulk;

/// <summary>
/// Processes one closed job: a first pass checks the whole upload (so a bad file fails the job with nothing
/// written, as the real API does), a second applies the rows at the configured rate.
/// </summary>
public sealed class JobProcessor(OrgStore org, FaultPlan faults, ApiUsage usage, TimeProvider time, double? processingRate)
{

    public async Task RunAsync(IngestJob job, CancellationToken cancellationToken)
    {
        lock (job.Gate)
        {
            if (!job.TryMove(JobState.UploadComplete, JobState.InProgress, time.GetUtcNow()))
                return; // aborted or deleted while waiting for a slot
            job.ProcessingStarted = time.GetUtcNow();
        }
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, job.AbortSource.Token);
        try
        {
            if (faults.ForcedJobFailure(job.Id, job.ObjectName) is { } forced)
            {
                Fail(job, forced);
                return;
            }
            var table = org.Find(job.ObjectName)!;
            var (plan, keys) = job.UploadPath is null ? (null, null) : Check(job, table);
            if (plan is not null)
                await ApplyRowsAsync(job, table, plan, keys!, linked.Token).ConfigureAwait(false);
            else
                job.PrepareOutcomes(0);
            lock (job.Gate)
                job.TryMove(JobState.InProgress, JobState.JobComplete, time.GetUtcNow());
        }
        catch (UploadRejectedException rejected)
        {
            Fail(job, rejected.Message);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // Aborted (the state is already set) or the store was reset.
        }
        finally
        {
            job.SetWaitingForClock(false);
            var succeeded = job.Processed - job.Failed;
            org.CountRows(job.ObjectName, job.Operation.ApiName(), succeeded);
            usage.CountBulkJob(job.Processed);
        }
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

    private async Task ApplyRowsAsync(IngestJob job, SObjectTable table, ColumnPlan plan, RepeatedKeys keys, CancellationToken cancellationToken)
    {
        var writer = new RowWriter(table, org, plan, job.Operation, time);
        var rate = processingRate;
        // The rate covers the whole of processing, the checking pass included: a job of N rows takes N / rate.
        var started = job.ProcessingStarted ?? time.GetUtcNow();
        using var reader = job.OpenUpload();
        var row = new CsvRow();
        reader.ReadRow(row); // the header
        for (var index = 0; index < job.RowCount && reader.ReadRow(row); index++)
        {
            if (rate is double rowsPerSecond)
                await PaceAsync(job, index, rowsPerSecond, started, cancellationToken).ConfigureAwait(false);
            else if ((index & 0x3FF) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            var lockFault = faults.ShouldLockRow(job.Id, index);
            job.Record(index, writer.Apply(row, lockFault, keys.IsRepeated(index)));
        }
    }

    private static readonly TimeSpan MinimumPacingWait = TimeSpan.FromMilliseconds(1);

    /// <summary>Waits until the clock allows row <paramref name="index"/>: by time t, rate × t rows may be done.</summary>
    private async Task PaceAsync(IngestJob job, int index, double rowsPerSecond, DateTimeOffset started, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var elapsed = time.GetUtcNow() - started;
            var allowed = (long)Math.Floor(elapsed.TotalSeconds * rowsPerSecond + 1e-9);
            if (index < allowed)
                return;
            // At least a millisecond: a shorter delay is no sleep at all (timers count whole milliseconds), and at
            // thousands of rows a second each job would spin on the clock and starve the requests of both cores.
            // The rows allowed meanwhile are then done together, so the rate still holds.
            var due = TimeSpan.FromSeconds((index + 1) / rowsPerSecond) - elapsed;
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

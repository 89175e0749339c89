using Microsoft.Extensions.Logging;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading.State;

namespace TargetSalesforce.Loading.Jobs;

/// <summary>
/// Loads one job through its writer and settles every record: committed, superseded, failed, or — for rows
/// that hit UNABLE_TO_LOCK_ROW — sent again in a later Bulk job (up to <c>lock_retry_attempts</c> times)
/// before they count as failed. A failed row that had replaced earlier records of its key sends the latest
/// of them in a follow-up job, then goes again itself. The job keeps its keys until its retries end, so
/// order stays exact.
/// </summary>
internal sealed class JobExecutor(
    RecordOutcomes outcomes,
    RunHalt halt,
    int lockRetryAttempts,
    TimeSpan lockRetryDelay,
    TimeProvider time,
    ILogger logger)
{
    public const string LockErrorCode = "UNABLE_TO_LOCK_ROW";

    private long bulkJobs;

    private long restCalls;

    /// <summary>Bulk jobs Salesforce ran so far (a batch may take more than one, retries take more).</summary>
    public long BulkJobs => Interlocked.Read(ref bulkJobs);

    private long lockRetries;

    /// <summary>Rows sent again after UNABLE_TO_LOCK_ROW so far (a row retried twice counts twice).</summary>
    public long LockRetries => Interlocked.Read(ref lockRetries);

    /// <summary>sObject Collections calls made so far (a small batch takes one per 200 rows).</summary>
    public long RestCalls => Interlocked.Read(ref restCalls);

    /// <summary>Creates and uploads the job's first attempt without letting Salesforce start on it.</summary>
    public static Task<IStagedLoad> StageAsync(LoadJob job, CancellationToken cancellationToken) =>
        job.Writer.StageAsync(Batch(job.Writer, job.Rows), cancellationToken);

    /// <summary>
    /// Completes the staged first attempt, then sends what the job still owes (<see cref="NextAttemptRows"/>:
    /// lock-row retries, and the earlier records of failed rows' keys followed by those rows again), each
    /// attempt staged and completed at once.
    /// </summary>
    public async Task RunAsync(LoadJob job, IStagedLoad staged, CancellationToken cancellationToken)
    {
        var rows = job.Rows;
        var records = job.Rows.Sum(r => r.RecordCount);
        var next = new NextAttemptRows(lockRetryAttempts);
        var failures = new Dictionary<string, int>(StringComparer.Ordinal);
        long firstFailedLine = 0;
        var failedRecords = 0;
        for (var attempt = 0; ; attempt++)
        {
            BatchOutcome outcome;
            try
            {
                outcome = attempt == 0
                    ? await staged.CompleteAsync(cancellationToken).ConfigureAwait(false)
                    : await job.Writer.LoadAsync(Batch(job.Writer, rows), cancellationToken).ConfigureAwait(false);
            }
            catch (JobFailedException exception)
            {
                halt.Halt($"stream '{job.Counters.Stream}': {exception.Message} (the job held {job}; Salesforce failed it as a whole, so none of them counts as loaded)");
                return;
            }

            Interlocked.Add(ref bulkJobs, outcome.JobIds.Count);
            Interlocked.Add(ref restCalls, outcome.Calls);
            job.Counters.AddSent(outcome.Route, rows.Length);
            var failedAt = new bool[rows.Length];
            foreach (var failure in outcome.Failures)
            {
                if (failure.RowIndex < 0 || failure.RowIndex >= rows.Length || failedAt[failure.RowIndex])
                {
                    halt.Halt($"stream '{job.Counters.Stream}': the writer reported row {failure.RowIndex} of a batch of {rows.Length} as failed, which cannot be matched to a record");
                    return;
                }

                failedAt[failure.RowIndex] = true;
                var row = rows[failure.RowIndex];
                if (failure.ErrorCode == LockErrorCode && next.TryLockRetry(row))
                {
                    continue;
                }

                if (next.TryReplayEarlier(row))
                {
                    continue;
                }

                failures[failure.ErrorCode] = failures.GetValueOrDefault(failure.ErrorCode) + 1;
                failedRecords++;
                firstFailedLine = firstFailedLine == 0 ? row.Line : Math.Min(firstFailedLine, row.Line);
                outcomes.Failed(job.Counters, row, failure.ErrorCode, failure.Message, failure.Fields);
                next.Settled(row);
            }

            var committed = new List<BufferedRow>(rows.Length - outcome.Failures.Count); // sized once: a job's rows grew it by doubling
            for (var i = 0; i < rows.Length; i++)
            {
                if (!failedAt[i])
                {
                    committed.Add(rows[i]);
                }
            }

            if (outcomes.WritesResults)
            {
                var successes = outcome.Successes.ToDictionary(s => s.RowIndex);
                outcomes.Accepted(job.Counters, rows.Select((row, i) => (row, i)).Where(p => !failedAt[p.i]).Select(p => (p.row, successes.GetValueOrDefault(p.i))));
            }

            outcomes.Committed(job.Counters, committed);
            committed.ForEach(next.Settled);
            if (halt.IsHalted)
            {
                next.DropLockRetries();
            }

            if (next.IsEmpty)
            {
                break;
            }

            await BeforeNextAttemptAsync(job, next, cancellationToken).ConfigureAwait(false);
            rows = next.Take();
        }

        if (failedRecords > 0 && outcomes.AllowFailures)
        {
            // WARNING, never ERROR: Mage fails the whole block on an ERROR line, and these failures are tolerated.
            logger.LogWarning(
                "Stream '{Stream}' → {Object}: {Failed} of {Total} records failed ({Codes}), the first at line {Line}",
                job.Counters.Stream, job.Writer.Operation.ObjectName, failedRecords, records,
                string.Join(", ", failures.Select(f => $"{f.Key} ×{f.Value}")), firstFailedLine);
        }
    }

    private async Task BeforeNextAttemptAsync(LoadJob job, NextAttemptRows next, CancellationToken cancellationToken)
    {
        if (next.EarlierRecordCount > 0)
        {
            logger.LogInformation(
                "{Count} failed records of stream '{Stream}' had replaced earlier records of their key in the job: the latest earlier record of each goes in a follow-up job, then the failed one again",
                next.EarlierRecordCount, job.Counters.Stream);
        }

        if (next.LockRetryCount == 0)
        {
            return;
        }

        Interlocked.Add(ref lockRetries, next.LockRetryCount);
        logger.LogInformation(
            "{Count} rows of stream '{Stream}' hit {Code}; sending them again in a new job (retry {Attempt} of {Max})",
            next.LockRetryCount, job.Counters.Stream, LockErrorCode, next.HighestLockRetry, lockRetryAttempts);
        if (lockRetryDelay > TimeSpan.Zero)
        {
            await Task.Delay(lockRetryDelay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static RowBatch Batch(IObjectWriter writer, BufferedRow[] rows) => new(writer.Columns, new CsvRowsOf(rows));
}

using Microsoft.Extensions.Logging;
using TargetSalesforce.Naming;
using TargetSalesforce.Salesforce.Http;

namespace TargetSalesforce.Salesforce.Bulk;

/// <summary>
/// Waits for a closed job to finish, noticing the end soon after it happens without hammering the API.
/// Jobs take turns (<see cref="PollTurns"/>): Salesforce runs chunks in the order jobs were closed, so the oldest job
/// waited for is polled closely, at least every PollInterval and at most every tenth of the time it has taken (so a
/// long job costs few polls and is seen done within a tenth of its time), and when it is seen finished the next oldest
/// is polled at once. A younger job polls only every PollMaxInterval, for a job that ends out of turn (with one-chunk
/// jobs, 25 in flight, polling younger jobs after 2, 4, 8 s … cost 90 calls of a million-record run's 518 and saw
/// nothing the turns did not). Sooner when a poll shows rows being processed and their
/// rate says the job is done sooner (but never sooner than a tenth of the time it has run, so a late job costs few
/// extra polls). A rate is no more than a hint: Salesforce counts a job's rows only as each 10,000-row chunk ends, on
/// workers it shares among jobs, so a job's progress comes in lumps (a job of one chunk, or of chunks run side by
/// side, shows none until it is done), and a rate since the close counts the time the job sat queued. Before turns,
/// every job polled after a third of its time so far: the oldest jobs, the ones about to end, were polled least, and
/// the last job of a 300,000-record run was seen done 0.45–0.8 s late. The first poll comes after PollInterval, or
/// sooner when earlier jobs' rate says a small job is done sooner. Aborts a job past the job timeout.
/// </summary>
internal sealed class JobPoller(BulkIngestClient client, SalesforceClientOptions options, TimeProvider time, ILogger? logger = null)
{
    /// <summary>Share of the time the oldest job has taken so far that its next poll waits at most: its end is seen that late at worst.</summary>
    private const double OldestShare = 1.0 / 10;

    private readonly PollTurns turns = new();

    // Set once no job will follow those in flight: then the end of the oldest is the end of the run, worth seeing sooner.
    private volatile bool inputEnded;

    // Rows a second one job processed, as the last finished job showed; 0 until one has finished.
    private double learnedRowsPerSecond;

    /// <summary>
    /// No job will follow those in flight. From now the oldest is polled five times as often (every fifth of PollInterval,
    /// or a twentieth of its time so far once that is longer): its end no longer only frees a slot for the next job (which
    /// Salesforce would queue behind others anyway) but ends the run, and the run's last jobs are small ones that end in a
    /// burst (FlushEngine's end of input). Twice as often gave 300,000 records ×0.94; five times, with the small last
    /// jobs, ×0.95 at 100,000 and 300,000 records against whole last jobs, for about ten more polls.
    /// </summary>
    public void InputEnded() => inputEnded = true;

    /// <param name="jobId">A closed job.</param>
    /// <param name="rows">The rows uploaded to it, to tell from its progress when it will end.</param>
    public async Task<JobInfo> WaitAsync(string jobId, long rows, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var backoff = options.PollInterval;
        var last = (Processed: 0L, At: TimeSpan.Zero);
        var garbled = 0;
        using var turn = turns.Join();
        var wait = turn.IsFirst ? FirstWait(rows) : Latest(TimeSpan.Zero, first: false);
        while (true)
        {
            if (options.JobTimeout is { } timeout)
            {
                var left = timeout - time.GetElapsedTime(started);
                wait = left < wait ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : wait;
            }

            await turn.DelayAsync(wait, time, cancellationToken).ConfigureAwait(false);
            JobInfo info;
            try
            {
                info = await client.GetAsync(jobId, cancellationToken).ConfigureAwait(false);
                garbled = 0;
            }
            catch (UnreadableAnswerException) when (++garbled < options.MaxRereads)
            {
                // One garbled status answer says nothing about the job: the next poll asks again.
                wait = backoff = Grow(backoff, options);
                continue;
            }

            var elapsed = time.GetElapsedTime(started);
            if (info.IsFinished)
            {
                if (info.State == JobState.JobComplete && rows > 0 && elapsed > TimeSpan.Zero)
                {
                    Volatile.Write(ref learnedRowsPerSecond, rows / elapsed.TotalSeconds);
                }

                return info;
            }

            if (info.State == JobState.Open)
            {
                throw new SalesforceApiException($"Bulk job {jobId} is still Open after it was closed; Salesforce will not process it.");
            }

            if (options.JobTimeout is { } limit && elapsed >= limit)
            {
                await client.AbortAsync(jobId, cancellationToken).ConfigureAwait(false);
                throw new BulkJobTimeoutException(jobId, limit, info);
            }

            var estimate = TimeLeft(rows, info.Processed, elapsed, last);
            if (info.Processed > last.Processed)
            {
                last = (info.Processed, elapsed);
            }

            var latest = Latest(elapsed, turn.IsFirst);
            wait = estimate is { } timeLeft ? Min(Max(timeLeft, Max(options.PollMinInterval, elapsed / 10)), latest) : latest;

            if (logger?.IsEnabled(LogLevel.Debug) == true)
            {
                logger.LogDebug(
                    "Bulk job {JobId}: {State}, {Processed} of {Rows} processed after {Elapsed:F2} s; next poll in {Wait:F2} s{Turn}",
                    jobId, info.State, info.Processed, Counted.Of(rows, "row"), elapsed.TotalSeconds, wait.TotalSeconds, turn.IsFirst ? "" : " (or when it is the oldest)");
            }
        }
    }

    /// <summary>
    /// The longest wait before the next poll: for the oldest job a tenth of its time so far, at least PollInterval (once
    /// the input has ended, a twentieth, at least a fifth of PollInterval), at most PollMaxInterval; for a younger one
    /// PollMaxInterval (it is polled at once when it becomes the oldest).
    /// </summary>
    private TimeSpan Latest(TimeSpan elapsed, bool first)
    {
        if (!first)
        {
            return options.PollMaxInterval;
        }

        var (share, floor) = inputEnded ? (OldestShare / 2, options.PollInterval / 5) : (OldestShare, options.PollInterval);
        return Min(Max(elapsed * share, floor), options.PollMaxInterval);
    }

    /// <summary>PollInterval, or what the last job's rate says this one takes when that is less (a small final batch).</summary>
    private TimeSpan FirstWait(long rows)
    {
        var rate = Volatile.Read(ref learnedRowsPerSecond);
        if (rate <= 0 || rows <= 0)
        {
            return options.PollInterval;
        }

        var expected = TimeSpan.FromSeconds(rows / rate);
        return Min(Max(expected, options.PollMinInterval), options.PollInterval);
    }

    /// <summary>When the job should end at the rate it shows (since the last poll that saw progress, else since close); null without progress.</summary>
    private static TimeSpan? TimeLeft(long rows, long processed, TimeSpan elapsed, (long Processed, TimeSpan At) last)
    {
        if (processed <= 0 || processed >= rows)
        {
            return null;
        }

        var (done, over) = processed > last.Processed && last.Processed > 0
            ? (processed - last.Processed, elapsed - last.At)
            : (processed, elapsed);
        if (over <= TimeSpan.Zero)
        {
            return null;
        }

        return TimeSpan.FromSeconds((rows - processed) * over.TotalSeconds / done);
    }

    private static TimeSpan Grow(TimeSpan delay, SalesforceClientOptions options) =>
        Min(TimeSpan.FromTicks((long)(delay.Ticks * options.PollBackoffFactor)), options.PollMaxInterval);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

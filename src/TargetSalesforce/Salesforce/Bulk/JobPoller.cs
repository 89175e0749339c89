using Microsoft.Extensions.Logging;
using TargetSalesforce.Naming;
using TargetSalesforce.Salesforce.Http;

namespace TargetSalesforce.Salesforce.Bulk;

/// <summary>
/// Waits for a closed job to finish, noticing the end soon after it happens without hammering the API.
/// The next poll comes at the latest after a third of the time the job has taken so far (at least
/// PollInterval, at most PollMaxInterval), so the end is seen within a third of the job's time. Sooner when
/// a poll shows rows being processed and their rate says the job is done sooner (but never sooner than a
/// tenth of the time it has run, so a late job costs few extra polls). A rate is no more than a hint:
/// Salesforce counts a job's rows only as each 10,000-row chunk ends, on workers it shares among jobs, so a
/// job's progress comes in lumps (a job of one chunk, or of chunks run side by side, shows none until it is
/// done), and a rate since the close counts the time the job sat queued. Against backing off by half each
/// time, which let a job of a few seconds be seen done up to half its time late, this costs a few polls a
/// job. The first poll comes after PollInterval, or sooner when earlier jobs' rate says a small job is done
/// sooner. Aborts a job past the job timeout.
/// </summary>
internal sealed class JobPoller(BulkIngestClient client, SalesforceClientOptions options, TimeProvider time, ILogger? logger = null)
{
    /// <summary>Share of the time a job has taken so far that the next poll waits at most: the end is seen that late at worst.</summary>
    private const double LatestShare = 1.0 / 3;

    // Rows a second one job processed, as the last finished job showed; 0 until one has finished.
    private double learnedRowsPerSecond;

    /// <param name="jobId">A closed job.</param>
    /// <param name="rows">The rows uploaded to it, to tell from its progress when it will end.</param>
    public async Task<JobInfo> WaitAsync(string jobId, long rows, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var backoff = options.PollInterval;
        var wait = FirstWait(rows);
        var last = (Processed: 0L, At: TimeSpan.Zero);
        var garbled = 0;
        while (true)
        {
            if (options.JobTimeout is { } timeout)
            {
                var left = timeout - time.GetElapsedTime(started);
                wait = left < wait ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : wait;
            }

            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
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

            var latest = Min(Max(elapsed * LatestShare, options.PollInterval), options.PollMaxInterval);
            wait = estimate is { } timeLeft ? Min(Max(timeLeft, Max(options.PollMinInterval, elapsed / 10)), latest) : latest;

            if (logger?.IsEnabled(LogLevel.Debug) == true)
            {
                logger.LogDebug(
                    "Bulk job {JobId}: {State}, {Processed} of {Rows} processed after {Elapsed:F2} s; next poll in {Wait:F2} s",
                    jobId, info.State, info.Processed, Counted.Of(rows, "row"), elapsed.TotalSeconds, wait.TotalSeconds);
            }
        }
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

using TargetSalesforce.Salesforce.Http;

namespace TargetSalesforce.Salesforce.Bulk;

/// <summary>
/// Waits for a closed job to finish: a short first poll, then intervals growing to a cap, so a
/// quick job is seen done soon and a long one is not hammered. Aborts a job past the job timeout.
/// </summary>
internal sealed class JobPoller(BulkIngestClient client, SalesforceClientOptions options, TimeProvider time)
{
    /// <summary>The waits between polls: PollInterval, ×PollBackoffFactor each time, never above PollMaxInterval.</summary>
    public static IEnumerable<TimeSpan> Delays(SalesforceClientOptions options)
    {
        var delay = options.PollInterval;
        while (true)
        {
            yield return delay;
            var next = TimeSpan.FromTicks((long)(delay.Ticks * options.PollBackoffFactor));
            delay = next > options.PollMaxInterval ? options.PollMaxInterval : next;
        }
    }

    public async Task<JobInfo> WaitAsync(string jobId, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var garbled = 0;
        foreach (var delay in Delays(options))
        {
            var wait = delay;
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
                continue;
            }

            if (info.IsFinished)
            {
                return info;
            }

            if (info.State == JobState.Open)
            {
                throw new SalesforceApiException($"Bulk job {jobId} is still Open after it was closed; Salesforce will not process it.");
            }

            if (options.JobTimeout is { } limit && time.GetElapsedTime(started) >= limit)
            {
                await client.AbortAsync(jobId, cancellationToken).ConfigureAwait(false);
                throw new BulkJobTimeoutException(jobId, limit, info);
            }
        }

        throw new InvalidOperationException("unreachable: the poll delays never end");
    }
}

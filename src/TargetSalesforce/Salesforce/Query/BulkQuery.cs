using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using TargetSalesforce.Salesforce.Csv;
using TargetSalesforce.Salesforce.Http;

namespace TargetSalesforce.Salesforce.Query;

/// <summary>
/// Runs one SOQL statement as a Bulk API 2.0 query job: creates it, polls until it ends (PollInterval, growing by
/// PollBackoffFactor up to PollMaxInterval), reads every set of results by its locator (at most QueryPageRecords a
/// set), and deletes the job afterwards so its results do not linger in the org. A job that fails or passes the job
/// timeout is aborted and the reason thrown.
/// </summary>
internal sealed class BulkQuery(BulkQueryClient client, SalesforceClientOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>How long cleanup (an abort or delete) may take after the run was cancelled.</summary>
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Every result row, each set handed to <paramref name="onRows"/> as it arrives (header and rows).</summary>
    /// <returns>The query job's id.</returns>
    public async Task<string> RunAsync(string soql, bool includeDeleted, Action<CsvTable> onRows, CancellationToken cancellationToken)
    {
        var job = await client.CreateAsync(soql, includeDeleted, cancellationToken).ConfigureAwait(false);
        var finished = false;
        try
        {
            var info = await WaitAsync(job, cancellationToken).ConfigureAwait(false);
            if (info.State != QueryJobState.JobComplete)
            {
                throw new SalesforceApiException(
                    $"query job {info.Id} ended {info.State}: {info.ErrorMessage ?? "Salesforce gave no errorMessage"} (the query began: {Opening(soql)})");
            }

            string? locator = null;
            var pages = 0;
            do
            {
                var page = await client.ResultsAsync(job.Id, locator, options.QueryPageRecords, cancellationToken).ConfigureAwait(false);
                onRows(page.Rows);
                locator = page.NextLocator;
                pages++;
            }
            while (locator is not null);

            finished = true;
            if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.LogDebug("Query job {JobId}: {Records} rows in {Pages} sets", job.Id, info.RecordsProcessed, pages);
            }
        }
        finally
        {
            await CleanUpQuietlyAsync(job.Id, finished).ConfigureAwait(false);
        }

        return job.Id;
    }

    private async Task<QueryJobInfo> WaitAsync(QueryJobInfo job, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var wait = options.PollMinInterval;
        var info = job;
        var garbled = 0;
        while (!info.IsFinished)
        {
            if (options.JobTimeout is { } timeout && time.GetElapsedTime(started) >= timeout)
            {
                throw new SalesforceApiException($"query job {job.Id} did not finish within {timeout.TotalSeconds:0} s (job_timeout_seconds); it was aborted.");
            }

            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            wait = wait < options.PollInterval
                ? options.PollInterval
                : TimeSpan.FromTicks(Math.Min((long)(wait.Ticks * options.PollBackoffFactor), options.PollMaxInterval.Ticks));
            try
            {
                info = await client.GetAsync(job.Id, cancellationToken).ConfigureAwait(false);
                garbled = 0;
            }
            catch (UnreadableAnswerException) when (++garbled < options.MaxRereads)
            {
                // A garbled status says nothing about the job: the next poll asks again.
            }
        }

        return info;
    }

    /// <summary>Deletes a job read to the end; aborts (then deletes) one left early. Never throws over the real outcome.</summary>
    [SuppressMessage("Design", "CA1031", Justification = "Best effort cleanup of a read-only job: its failure is logged, never raised over the query's own outcome.")]
    private async Task CleanUpQuietlyAsync(string jobId, bool finished)
    {
        using var cleanup = new CancellationTokenSource(CleanupTimeout);
        try
        {
            if (!finished)
            {
                await client.AbortAsync(jobId, cleanup.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            // A job that already ended cannot be aborted; deleting it is still worth a try.
            logger.LogDebug("Could not abort query job {JobId}: {Error}", jobId, ex.Message);
        }

        try
        {
            await client.DeleteAsync(jobId, cleanup.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LogWarning("Could not delete query job {JobId}: {Error}", jobId, ex.Message);
        }
    }

    /// <summary>The start of a statement for messages: its IN lists hold source keys, which logs should not carry in bulk.</summary>
    private static string Opening(string soql)
    {
        var where = soql.IndexOf(" WHERE ", StringComparison.OrdinalIgnoreCase);
        return where < 0 ? soql : soql[..where] + " WHERE …";
    }
}

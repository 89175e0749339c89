using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using TargetSalesforce.Destination;
using TargetSalesforce.Naming;
using TargetSalesforce.Salesforce.Csv;
using TargetSalesforce.Salesforce.Describe;
using TargetSalesforce.Salesforce.Http;
using TargetSalesforce.Salesforce.Limits;

namespace TargetSalesforce.Salesforce.Bulk;

/// <summary>
/// Loads one batch: one job per chunk of at most MaxJobBytes, each created, uploaded once, closed,
/// polled and read back; failed rows are mapped to their batch indexes. Staging stops after the
/// first upload, so the close can wait for the job's turn.
/// </summary>
internal sealed class BulkBatchLoader(BulkIngestClient client, JobPoller poller, UploadRetryPolicy uploads, OrgAllowance allowance, SalesforceClientOptions options, ILogger logger)
{
    public const string Unprocessed = "UNPROCESSED";

    /// <summary>How long cleanup (an abort) may take after the run was cancelled.</summary>
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Jobs whose close was sent and that were neither seen to end nor aborted: Salesforce may still be loading them.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> mayBeProcessing = new(StringComparer.Ordinal);

    /// <summary>The ids of jobs that may still be processing inside Salesforce (after a stop), oldest first not guaranteed.</summary>
    public IReadOnlyCollection<string> JobsMayBeProcessing => mayBeProcessing.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>No job will follow those in flight: the last ones are polled more closely (<see cref="JobPoller.InputEnded"/>).</summary>
    public void InputEnded() => poller.InputEnded();

    /// <summary>
    /// Creates and uploads the first chunk's job without closing it; the rest of a batch over the byte
    /// cap (rare) runs chunk by chunk when the staged load completes.
    /// </summary>
    public async Task<IStagedLoad> StageAsync(FieldMap map, byte[] header, IReadOnlyList<ReadOnlyMemory<byte>> rows, CancellationToken cancellationToken)
    {
        var chunks = JobChunks.Split(rows, header.Length, options.MaxJobBytes);

        // The whole batch is checked at once: stopping between its chunks would leave committed rows unreported.
        allowance.Reserve($"a Bulk job of {rows.Count} rows to {map.ObjectName}",
            chunks.Count * OrgAllowance.RequestsPerBulkJob, chunks.Sum(chunk => OrgAllowance.BulkBatchesFor(chunk.Count)));
        var jobIds = new List<string>();
        var first = new RowSlice(rows, chunks[0].Start, chunks[0].Count);
        var job = await CreateAndUploadAsync(map, header, first, jobIds, cancellationToken).ConfigureAwait(false);
        return new StagedBulkLoad(this, map, header, rows, chunks, job, jobIds);
    }

    /// <summary>Creates, uploads and finishes one chunk's job.</summary>
    internal async Task RunChunkAsync(
        FieldMap map, byte[] header, RowSlice chunk, List<string> jobIds, List<RowFailure> failures, List<RowSuccess> successes, CancellationToken cancellationToken)
    {
        var job = await CreateAndUploadAsync(map, header, chunk, jobIds, cancellationToken).ConfigureAwait(false);
        await FinishChunkAsync(map, chunk, job, failures, successes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes an uploaded job, waits for it and collects its failed rows (and, when asked, the Ids of the rest).</summary>
    internal async Task FinishChunkAsync(
        FieldMap map, RowSlice chunk, JobInfo job, List<RowFailure> failures, List<RowSuccess> successes, CancellationToken cancellationToken)
    {
        JobInfo info;
        try
        {
            mayBeProcessing.TryAdd(job.Id, 0);
            await CloseAsync(job, cancellationToken).ConfigureAwait(false);
            Diagnostics.StartupPhases.Reached("first job closed");
            info = await poller.WaitAsync(job.Id, chunk.Count, cancellationToken).ConfigureAwait(false);
            mayBeProcessing.TryRemove(job.Id, out _);
            Diagnostics.StartupPhases.Reached("first job seen finished");
        }
        catch (Exception ex) when (ex is not BulkJobTimeoutException)
        {
            await AbortQuietlyAsync(job.Id, ex.Message).ConfigureAwait(false);
            throw;
        }

        if (info.State == JobState.Failed)
        {
            throw new JobFailedException(job.Id, info.ErrorMessage ?? "Salesforce gave no errorMessage");
        }

        var matcher = new ResultRowMatcher(map.Headers, chunk, map.KeyColumn);
        var jobFailures = new List<RowFailure>();
        if (info.Failed > 0 || info.Processed < chunk.Count)
        {
            var table = await ReadFailedResultsAsync(job.Id, info.Failed, cancellationToken).ConfigureAwait(false);
            var errorColumn = table.ColumnIndex("sf__Error");
            foreach (var (row, result) in matcher.Match(table))
            {
                var (code, message, fields) = ResultErrors.Split(errorColumn >= 0 ? result[errorColumn] : string.Empty);
                jobFailures.Add(new RowFailure(ToBatchIndex(row, chunk, job.Id), code, message, fields));
            }
        }

        if (info.State == JobState.Aborted)
        {
            var table = await client.UnprocessedRecordsAsync(job.Id, cancellationToken).ConfigureAwait(false);
            foreach (var (row, _) in matcher.Match(table))
            {
                jobFailures.Add(new RowFailure(ToBatchIndex(row, chunk, job.Id), Unprocessed, $"job {job.Id} was aborted before this row was processed"));
            }
        }

        LogSummary(map, info, chunk.Count, jobFailures);
        failures.AddRange(jobFailures);
        if (options.ReadsBackIds && jobFailures.Count < chunk.Count)
        {
            // Matched after the failures, so a row already claimed by one is never given an Id.
            var table = await client.SuccessfulResultsAsync(job.Id, cancellationToken).ConfigureAwait(false);
            var idColumn = table.ColumnIndex("sf__Id");
            var createdColumn = table.ColumnIndex("sf__Created");
            foreach (var (row, result) in matcher.Match(table))
            {
                var id = idColumn >= 0 ? result[idColumn] : string.Empty;
                if (id.Length > 0)
                {
                    var created = createdColumn >= 0 && string.Equals(result[createdColumn], "true", StringComparison.OrdinalIgnoreCase);
                    successes.Add(new RowSuccess(ToBatchIndex(row, chunk, job.Id), id, created));
                }
            }
        }
    }

    /// <summary>
    /// The failed rows of a finished job. A download that is garbled, or lists fewer rows than the job
    /// counted as failed, is asked again; if it stays short the run stops rather than let rows vanish.
    /// </summary>
    private async Task<CsvTable> ReadFailedResultsAsync(string jobId, long failedCount, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var table = await client.FailedResultsAsync(jobId, cancellationToken).ConfigureAwait(false);
                if (table.Rows.Count >= failedCount)
                {
                    return table;
                }

                if (attempt >= options.MaxRereads)
                {
                    throw new SalesforceApiException(
                        $"failedResults of job {jobId} lists {table.Rows.Count} rows, but the job counted {failedCount} failed; " +
                        "the missing failures cannot be reported, so the run stops here.");
                }
            }
            catch (UnreadableAnswerException) when (attempt < options.MaxRereads)
            {
            }

            logger.LogWarning("failedResults of job {JobId} came back incomplete; asking again", jobId);
        }
    }

    /// <summary>Creates a job and uploads the chunk once; an upload with an unknown outcome abandons that job for a fresh one (<see cref="UploadRetryPolicy"/>).</summary>
    private Task<JobInfo> CreateAndUploadAsync(FieldMap map, byte[] header, RowSlice chunk, List<string> jobIds, CancellationToken cancellationToken) =>
        uploads.RunAsync(token => CreateAndUploadOnceAsync(map, header, chunk, jobIds, token), $"{Counted.Of(chunk.Count, "row")} to {map.ObjectName}", cancellationToken);

    private async Task<JobInfo> CreateAndUploadOnceAsync(FieldMap map, byte[] header, RowSlice chunk, List<string> jobIds, CancellationToken cancellationToken)
    {
        var keyField = map.Operation.Action == LoadAction.Upsert ? map.Columns[map.KeyColumn].Header : null;
        var job = await client.CreateAsync(map.ObjectName, map.Operation.Action, keyField, cancellationToken, map.Operation.AssignmentRuleId).ConfigureAwait(false);
        jobIds.Add(job.Id);
        Diagnostics.StartupPhases.Reached("first job created");
        try
        {
            await client.UploadAsync(job.Id, header, chunk, cancellationToken).ConfigureAwait(false);
            return job;
        }
        catch (Exception ex)
        {
            // Unknown outcome or a definite failure: either way this job is never used again.
            await AbortQuietlyAsync(job.Id, ex.Message).ConfigureAwait(false);
            throw;
        }
    }

    private async Task CloseAsync(JobInfo job, CancellationToken cancellationToken)
    {
        try
        {
            await client.CloseAsync(job.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (SalesforceApiException ex) when (ex.Status is { } status && (int)status is >= 400 and < 500)
        {
            // A close repeated after a lost answer is refused once the job moved on: that is success.
            var info = await client.GetAsync(job.Id, cancellationToken).ConfigureAwait(false);
            if (info.State == JobState.Open)
            {
                throw;
            }
        }
    }

    /// <summary>Stops a job we will not use. Runs even when the run is being cancelled; its own failure is only logged.</summary>
    [SuppressMessage("Design", "CA1031", Justification = "Best effort cleanup of a job the run no longer uses: its failure is logged, never raised over the reason it was aborted.")]
    internal async Task AbortQuietlyAsync(string jobId, string reason)
    {
        using var cleanup = new CancellationTokenSource(CleanupTimeout);
        try
        {
            await client.AbortAsync(jobId, cleanup.Token).ConfigureAwait(false);
            mayBeProcessing.TryRemove(jobId, out _);
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Aborted Bulk job {JobId} ({Reason})", jobId, reason);
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning("Could not abort Bulk job {JobId}: {Error}", jobId, ex.Message);
        }
    }

    private static int ToBatchIndex(int row, RowSlice chunk, string jobId)
    {
        if (row < 0)
        {
            throw new SalesforceApiException($"Bulk job {jobId}: a result row matches none of the rows uploaded to it, so its failure cannot be reported truthfully.");
        }

        return chunk.Start + row;
    }

    private void LogSummary(FieldMap map, JobInfo info, int rows, List<RowFailure> failures)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        var byCode = failures.Count == 0
            ? string.Empty
            : "; failures by code: " + string.Join(", ", failures.GroupBy(f => f.ErrorCode).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ×{g.Count()}"));
        var processed = Math.Max(info.Processed, 0);
        logger.LogInformation("Bulk job {JobId} ({Operation} {Object}, {Rows}) {State}: {Processed} processed, {Succeeded} succeeded, {Failed} failed{ByCode}",
            info.Id, BulkIngestClient.Operation(map.Operation.Action), map.ObjectName, Counted.Of(rows, "row"), info.State,
            processed, Math.Max(processed - info.Failed, 0), failures.Count, byCode);
    }
}

using Microsoft.AspNetCore.Http;

namespace SalesforceEmulator.Rest;

/// <summary>
/// The org's daily API consumption: requests, reported on every REST and Bulk response in the Sforce-Limit-Info header
/// (api-usage=used/max) as the real API does, and Bulk batches, which `/limits` reports as DailyBulkApiBatches.
/// </summary>
public sealed class ApiUsage
{
    /// <summary>A Developer Edition org's daily allowance.</summary>
    public const int DailyMax = 15000;

    /// <summary>Batches a rolling day allows, shared by Bulk API 1.0 and 2.0.</summary>
    public const int DailyBulkBatchesMax = 15000;

    /// <summary>Bulk API 2.0 splits a job's data into internal batches of 10,000 records; each counts as one batch.</summary>
    public const int RecordsPerBulkBatch = 10_000;

    /// <summary>Bulk API 2.0 query jobs a rolling day allows (DailyBulkV2QueryJobs).</summary>
    public const int DailyBulkV2QueryJobsMax = 10000;

    private long used;
    private long bulkBatches;
    private long bulkQueryJobs;

    public long Used => Interlocked.Read(ref used);

    public long BulkBatchesUsed => Interlocked.Read(ref bulkBatches);

    public long BulkQueryJobsUsed => Interlocked.Read(ref bulkQueryJobs);

    public void Reset()
    {
        Interlocked.Exchange(ref used, 0);
        Interlocked.Exchange(ref bulkBatches, 0);
        Interlocked.Exchange(ref bulkQueryJobs, 0);
    }

    /// <summary>Counts a query job about to be created; false (nothing counted) once the day's allowance is used.</summary>
    public bool TryCountBulkQueryJob(out long used)
    {
        while (true)
        {
            used = Interlocked.Read(ref bulkQueryJobs);
            if (used >= DailyBulkV2QueryJobsMax)
                return false;
            if (Interlocked.CompareExchange(ref bulkQueryJobs, used + 1, used) == used)
                return true;
        }
    }

    /// <summary>Counts the internal batches a job used: one per 10,000 records it processed, none for an empty job.</summary>
    public void CountBulkJob(long recordsProcessed)
    {
        if (recordsProcessed > 0)
            Interlocked.Add(ref bulkBatches, (recordsProcessed + RecordsPerBulkBatch - 1) / RecordsPerBulkBatch);
    }

    /// <summary>An endpoint filter that counts the request and adds the header.</summary>
    public async ValueTask<object?> CountAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var count = Interlocked.Increment(ref used);
        invocation.HttpContext.Response.Headers["Sforce-Limit-Info"] = $"api-usage={count}/{DailyMax}";
        return await next(invocation).ConfigureAwait(false);
    }
}

using Microsoft.AspNetCore.Http;

namespace SalesforceEmulator.Rest;

/// <summary>
/// What clients spend of the org's limits (<see cref="LimitLedger"/>): every REST and Bulk request one DailyApiRequests,
/// reported in the Sforce-Limit-Info header (api-usage=used/max) as the real API does, and refused with 403
/// REQUEST_LIMIT_EXCEEDED once none remain; every 10,000 records a Bulk job processes one DailyBulkApiBatches, and a new
/// job refused with ExceededQuota once none remain.
/// </summary>
public sealed class ApiUsage(LimitLedger limits)
{
    /// <summary>A Developer Edition org's daily API requests, the maximum until the org file or the admin route sets another.</summary>
    public const int DailyMax = 15000;

    /// <summary>Batches a rolling day allows by default, shared by Bulk API 1.0 and 2.0.</summary>
    public const int DailyBulkBatchesMax = 15000;

    /// <summary>Bulk API 2.0 splits a job's data into internal batches of 10,000 records; each counts as one batch.</summary>
    public const int RecordsPerBulkBatch = 10_000;

    // The documented body of a daily API allowance exhausted (REST guide, "Status Codes and Error Responses").
    private const string TotalRequestsExceeded = "TotalRequests Limit exceeded.";

    // UNVERIFIED wording: Bulk API 2.0 documents the ExceededQuota code for a job past the day's allocation, not its message.
    private const string BatchesExceeded = "The job you tried to create exceeds the number of Bulk API batches allowed for the past 24-hour period (DailyBulkApiBatches).";

    public LimitLedger Limits => limits;

    public long Used => limits.Used(LimitLedger.DailyApiRequests);

    public long Max => limits.Max(LimitLedger.DailyApiRequests);

    public long BulkBatchesUsed => limits.Used(LimitLedger.DailyBulkApiBatches);

    public long BulkQueryJobsUsed => limits.Used(LimitLedger.DailyBulkV2QueryJobs);

    /// <summary>Counts a query job about to be created; false (nothing counted) once none of the day's remain.</summary>
    public bool TryCountBulkQueryJob(out long used) => limits.TrySpend(LimitLedger.DailyBulkV2QueryJobs, 1, out used, out _);

    /// <summary>Counts the internal batches a job used: one per 10,000 records it processed, none for an empty job.</summary>
    public void CountBulkJob(long recordsProcessed)
    {
        if (recordsProcessed > 0)
            limits.Spend(LimitLedger.DailyBulkApiBatches, (recordsProcessed + RecordsPerBulkBatch - 1) / RecordsPerBulkBatch);
    }

    /// <summary>An endpoint filter that counts the request and adds the header, or refuses it when the day's requests are spent.</summary>
    public async ValueTask<object?> CountAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var spent = limits.TrySpend(LimitLedger.DailyApiRequests, 1, out var used, out var max);
        invocation.HttpContext.Response.Headers["Sforce-Limit-Info"] = $"api-usage={used}/{max}";
        if (!spent)
            return ApiResponses.Error(StatusCodes.Status403Forbidden, "REQUEST_LIMIT_EXCEEDED", TotalRequestsExceeded);
        return await next(invocation).ConfigureAwait(false);
    }

    /// <summary>An endpoint filter on Bulk job creation: refused with ExceededQuota while no Bulk batch remains today.</summary>
    public ValueTask<object?> BulkBatchesGateAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next) =>
        limits.Remaining(LimitLedger.DailyBulkApiBatches) > 0
            ? next(invocation)
            : ValueTask.FromResult<object?>(ApiResponses.Error(StatusCodes.Status400BadRequest, "EXCEEDEDQUOTA", BatchesExceeded));
}

using System.Globalization;
using Microsoft.Extensions.Logging;
using TargetSalesforce.Destination;
using TargetSalesforce.Salesforce.Api;
using TargetSalesforce.Salesforce.Http;

namespace TargetSalesforce.Salesforce.Limits;

/// <summary>
/// The org's daily API requests and Bulk API batches, and the share of each this run may take them to
/// (`max_api_usage_percent`, `max_bulk_batch_usage_percent`). Read from `/limits` once at the start, then
/// kept current: every answer's `Sforce-Limit-Info` header gives the requests used (by everyone, not only
/// this run); the batches this run's jobs spend are counted here. Before a new job or REST call
/// <see cref="Reserve"/> refuses what would pass either share, so the run stops before the org's other
/// integrations are starved.
/// </summary>
internal sealed class OrgAllowance(SalesforceClientOptions options, ILogger logger)
{
    /// <summary>Bulk API 2.0 spends one batch per 10,000 records of a job (Salesforce's internal batch size).</summary>
    public const int RecordsPerBulkBatch = 10_000;

    /// <summary>
    /// Requests a Bulk job takes when all goes well: create, upload, close, a few polls, the failed results.
    /// An estimate that errs high, so the guard stops a little early rather than a little late.
    /// </summary>
    public const int RequestsPerBulkJob = 7;

    private readonly object gate = new();
    private Task? started;
    private long apiUsed;
    private long apiMax;
    private long batchesUsed;
    private long batchesMax;

    /// <summary>
    /// Reads `/limits` once (later calls wait for the same read). An org that refuses or lacks it leaves the header
    /// as the only source; a failed login is thrown, as the describe after it would throw it.
    /// </summary>
    public Task StartAsync(SalesforceApi api, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return started ??= ReadAsync();
        }

        async Task ReadAsync()
        {
            try
            {
                Start(await LimitsResource.ReadAsync(api, cancellationToken).ConfigureAwait(false));
                Diagnostics.StartupPhases.Reached("limits read");
            }
            catch (SalesforceApiException exception)
            {
                // An answer about /limits alone (not permitted, not served): a refused login is not caught here, so it is tried once.
                logger.LogWarning("Could not read the org's limits ({Error}); API requests are guarded by the Sforce-Limit-Info header only, Bulk batches not at all", exception.Message);
            }
        }
    }

    /// <summary>
    /// Takes the allowances `/limits` listed as the starting point. Never below what is counted already: the describe
    /// is asked for beside `/limits`, so its answer's header (or the run's bookings) may be newer than the list.
    /// </summary>
    public void Start(IReadOnlyDictionary<string, DailyAllowance> limits)
    {
        lock (gate)
        {
            if (limits.TryGetValue(LimitsResource.DailyApiRequests, out var api))
            {
                apiUsed = Math.Max(apiUsed, api.Used);
                apiMax = api.Max;
            }

            if (limits.TryGetValue(LimitsResource.DailyBulkApiBatches, out var batches))
            {
                batchesUsed = Math.Max(batchesUsed, batches.Used);
                batchesMax = batches.Max;
            }
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Org allowances: {Allowances}", Describe(limits));
        }
    }

    /// <summary>Notes one answer: the header's count when it has one, else one request more than before.</summary>
    public void Observe(ApiResponse response)
    {
        lock (gate)
        {
            if (LimitInfoHeader.TryParseApiUsage(response.LimitInfo, out var used, out var max))
            {
                // Never below what this run has booked: an answer may predate calls already let through.
                apiUsed = Math.Max(apiUsed, used);
                apiMax = max;
            }
            else
            {
                apiUsed++;
            }
        }
    }

    /// <summary>
    /// Books the requests and Bulk batches a new job or REST call is about to spend, or throws
    /// <see cref="AllowanceReachedException"/> naming the allowance, its usage and the setting when that would
    /// take the org past the share this run may use. An allowance not known yet is not guarded.
    /// </summary>
    /// <param name="what">What is about to start, for the message ("a Bulk job of 3,000 rows to Contact").</param>
    public void Reserve(string what, int requests, int bulkBatches)
    {
        lock (gate)
        {
            Check("daily API requests (DailyApiRequests)", apiUsed, apiMax, requests, options.MaxApiUsagePercent, "max_api_usage_percent", what);
            Check("daily Bulk API batches (DailyBulkApiBatches)", batchesUsed, batchesMax, bulkBatches, options.MaxBulkBatchUsagePercent, "max_bulk_batch_usage_percent", what);
            // Booked now, so calls checked before this one's answer see it; the header catches up with what others spend.
            apiUsed += requests;
            batchesUsed += bulkBatches;
        }
    }

    /// <summary>Bulk batches a job of <paramref name="rows"/> records spends.</summary>
    public static int BulkBatchesFor(int rows) => Math.Max(1, (rows + RecordsPerBulkBatch - 1) / RecordsPerBulkBatch);

    /// <summary>`DailyApiRequests 14,990 of 15,000 remaining; …`, for the log and `--test-connection`.</summary>
    public static string Describe(IReadOnlyDictionary<string, DailyAllowance> limits)
    {
        var shown = new[] { LimitsResource.DailyApiRequests, LimitsResource.DailyBulkApiBatches, "DailyBulkV2QueryJobs" }
            .Select(name => limits.TryGetValue(name, out var limit) ? limit : null)
            .OfType<DailyAllowance>()
            .Select(limit => string.Create(CultureInfo.InvariantCulture, $"{limit.Name} {limit.Remaining:N0} of {limit.Max:N0} remaining"))
            .ToList();
        return shown.Count == 0 ? "none listed" : string.Join("; ", shown);
    }

    private static void Check(string allowance, long used, long max, int more, int percent, string setting, string what)
    {
        if (max <= 0 || more <= 0)
        {
            return;
        }

        var cap = max * percent / 100;
        if (used + more <= cap)
        {
            return;
        }

        throw new AllowanceReachedException(string.Create(CultureInfo.InvariantCulture,
            $"stopping before the org's {allowance} pass {setting} ({percent}%): {used:N0} of {max:N0} are used ({100.0 * used / max:0.0}%), " +
            $"and {what} needs about {more:N0} more. No new job or call starts; those in flight finish. " +
            $"Raise {setting}, or run again once Salesforce's rolling 24-hour window has freed some."));
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Rest;

namespace SalesforceEmulator.Bulk.Query;

/// <summary>
/// GET /jobs/query: every query job, at most 1,000 a page, with `nextRecordsUrl` (…/jobs/query?queryLocator=01g…-1000)
/// while more remain, as the ingest list pages. Filters: jobType (V2Query lists these jobs; Classic and V2Ingest list
/// none here), isPkChunkingEnabled (true lists none: PK chunking is a Bulk API 1.0 feature) and concurrencyMode
/// (parallel lists them, serial none).
/// </summary>
public sealed class QueryJobList(QueryJobStore jobs, TimeProvider time)
{
    public const int PageSize = 1000;

    /// <summary>The locator id every page names; the offset after the dash is what moves.</summary>
    public const string LocatorId = "01g000000000001AAA";

    private static readonly string[] JobTypes = ["Classic", "V2Ingest", "V2Query"];
    private static readonly string[] ConcurrencyModes = ["parallel", "serial"];

    public RestReply Page(string version, IQueryCollection query)
    {
        var jobType = query["jobType"].ToString();
        if (jobType.Length > 0 && !JobTypes.Contains(jobType, StringComparer.Ordinal))
            return Invalid($"Invalid value for jobType: {jobType}. Expected one of {string.Join(", ", JobTypes)}.");
        var pkChunking = query["isPkChunkingEnabled"].ToString();
        if (pkChunking.Length > 0 && !bool.TryParse(pkChunking, out _))
            return Invalid($"Invalid value for isPkChunkingEnabled: {pkChunking}. Expected true or false.");
        var concurrency = query["concurrencyMode"].ToString();
        if (concurrency.Length > 0 && !ConcurrencyModes.Contains(concurrency, StringComparer.OrdinalIgnoreCase))
            return Invalid($"Invalid value for concurrencyMode: {concurrency}. Expected parallel or serial.");
        var offset = 0;
        var locator = query["queryLocator"].ToString();
        if (locator.Length > 0 && !TryReadLocator(locator, out offset))
            return ApiResponses.Error(StatusCodes.Status400BadRequest, "INVALID_QUERY_LOCATOR", $"Invalid query locator: {locator}");

        var listed = jobType is "" or "V2Query" && !pkChunking.Equals("true", StringComparison.OrdinalIgnoreCase)
            && !concurrency.Equals("serial", StringComparison.OrdinalIgnoreCase)
            ? jobs.All()
            : [];
        var page = listed.Skip(offset).Take(PageSize).ToList();
        var end = offset + page.Count;
        var done = end >= listed.Count;
        var next = done ? null : NextUrl(version, end, query);
        var now = time.GetUtcNow();
        return ApiResponses.Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteBoolean("done", done);
            writer.WriteStartArray("records");
            foreach (var job in page)
                QueryJobJson.Write(writer, job, QueryJobJson.Shape.ListEntry, now);
            writer.WriteEndArray();
            if (next is null)
                writer.WriteNull("nextRecordsUrl");
            else
                writer.WriteString("nextRecordsUrl", next);
            writer.WriteEndObject();
        });
    }

    private static string NextUrl(string version, int offset, IQueryCollection query)
    {
        var url = $"/services/data/v{version}/jobs/query?queryLocator={LocatorId}-{offset.ToString(CultureInfo.InvariantCulture)}";
        foreach (var filter in new[] { "jobType", "isPkChunkingEnabled", "concurrencyMode" })
        {
            var value = query[filter].ToString();
            if (value.Length > 0)
                url += $"&{filter}={Uri.EscapeDataString(value)}";
        }
        return url;
    }

    private static bool TryReadLocator(string locator, out int offset)
    {
        offset = 0;
        var dash = locator.LastIndexOf('-');
        return dash > 0 && locator[..dash] == LocatorId
            && int.TryParse(locator.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
    }

    // UNVERIFIED: the emulator's wording for a filter value the API does not list.
    private static RestReply Invalid(string message) => ApiResponses.Error(StatusCodes.Status400BadRequest, "INVALIDJOB", message);
}

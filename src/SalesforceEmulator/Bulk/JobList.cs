using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Org;
using SalesforceEmulator.Rest;

namespace SalesforceEmulator.Bulk;

/// <summary>
/// GET /jobs/ingest: every job, at most 1,000 a page, with `nextRecordsUrl` (…/jobs/ingest?queryLocator=01g…-1000)
/// while more remain. Filters: jobType (V2Ingest lists these jobs; Classic and BigObjectIngest, which the emulator
/// does not run, list none) and isPkChunkingEnabled (true lists none: PK chunking is a Bulk API 1.0 feature).
/// The locator carries the position; the filters ride along in the next URL.
/// </summary>
public sealed class JobList(JobStore jobs, TimeProvider time)
{
    public const int PageSize = 1000;

    /// <summary>The locator id every job list page names; the offset after the dash is what moves.</summary>
    public const string LocatorId = "01g000000000000AAA";

    private static readonly string[] JobTypes = ["BigObjectIngest", "Classic", "V2Ingest"];

    public RestReply Page(string version, IQueryCollection query)
    {
        var jobType = query["jobType"].ToString();
        if (jobType.Length > 0 && !JobTypes.Contains(jobType, StringComparer.Ordinal))
            return Invalid($"Invalid value for jobType: {jobType}. Expected one of {string.Join(", ", JobTypes)}.");
        var pkChunking = query["isPkChunkingEnabled"].ToString();
        if (pkChunking.Length > 0 && !bool.TryParse(pkChunking, out _))
            return Invalid($"Invalid value for isPkChunkingEnabled: {pkChunking}. Expected true or false.");
        var offset = 0;
        var locator = query["queryLocator"].ToString();
        if (locator.Length > 0 && !TryReadLocator(locator, out offset))
            return ApiResponses.Error(StatusCodes.Status400BadRequest, "INVALID_QUERY_LOCATOR", $"Invalid query locator: {locator}");

        var listed = jobType is "" or "V2Ingest" && !pkChunking.Equals("true", StringComparison.OrdinalIgnoreCase)
            ? jobs.All()
            : [];
        var page = listed.Skip(offset).Take(PageSize).ToList();
        var end = offset + page.Count;
        var done = end >= listed.Count;
        var next = done ? null : NextUrl(version, end, jobType, pkChunking);
        var now = time.GetUtcNow();
        return ApiResponses.Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteBoolean("done", done);
            writer.WriteStartArray("records");
            foreach (var job in page)
                JobJson.Write(writer, job, JobJson.Shape.ListEntry, now);
            writer.WriteEndArray();
            if (next is null)
                writer.WriteNull("nextRecordsUrl");
            else
                writer.WriteString("nextRecordsUrl", next);
            writer.WriteEndObject();
        });
    }

    private static string NextUrl(string version, int offset, string jobType, string pkChunking)
    {
        var url = $"/services/data/v{version}/jobs/ingest?queryLocator={LocatorId}-{offset.ToString(CultureInfo.InvariantCulture)}";
        if (jobType.Length > 0)
            url += "&jobType=" + Uri.EscapeDataString(jobType);
        if (pkChunking.Length > 0)
            url += "&isPkChunkingEnabled=" + Uri.EscapeDataString(pkChunking);
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

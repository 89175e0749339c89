using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Rest;

namespace SalesforceEmulator.Bulk;

/// <summary>
/// The paging both job lists (GET /jobs/ingest and GET /jobs/query) share: at most 1,000 jobs a page, with
/// `nextRecordsUrl` (…/jobs/{kind}?queryLocator=01g…-1000) while more remain. The locator carries the position; the
/// filters ride along in the next URL. Also the two filters both lists check the same way: jobType and
/// isPkChunkingEnabled (true lists none: PK chunking is a Bulk API 1.0 feature).
/// </summary>
/// <param name="kind">The list's path segment after /jobs/: ingest or query.</param>
/// <param name="locatorId">The locator id every page of this list names; the offset after the dash is what moves.</param>
/// <param name="jobTypes">The jobType values the API takes on this list.</param>
/// <param name="filters">The query parameters the next page's URL carries on, in order.</param>
public sealed class JobListPages(string kind, string locatorId, string[] jobTypes, params string[] filters)
{
    public const int PageSize = 1000;

    /// <summary>The refusal of a jobType or isPkChunkingEnabled value the API does not take; null when both are fine.</summary>
    public RestReply? RefuseFilters(IQueryCollection query)
    {
        var jobType = query["jobType"].ToString();
        if (jobType.Length > 0 && !jobTypes.Contains(jobType, StringComparer.Ordinal))
            return Invalid($"Invalid value for jobType: {jobType}. Expected one of {string.Join(", ", jobTypes)}.");
        var pkChunking = query["isPkChunkingEnabled"].ToString();
        if (pkChunking.Length > 0 && !bool.TryParse(pkChunking, out _))
            return Invalid($"Invalid value for isPkChunkingEnabled: {pkChunking}. Expected true or false.");
        return null;
    }

    /// <summary>Whether the request asks for PK-chunked jobs, of which the emulator runs none.</summary>
    public static bool AsksPkChunking(IQueryCollection query) =>
        query["isPkChunkingEnabled"].ToString().Equals("true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The page the request's queryLocator points at (the first without one), or the refusal of a bad locator.</summary>
    public RestReply Page<TJob>(string version, IQueryCollection query, IReadOnlyList<TJob> listed, Action<Utf8JsonWriter, TJob> writeEntry)
    {
        var offset = 0;
        var locator = query["queryLocator"].ToString();
        if (locator.Length > 0 && !TryReadLocator(locator, out offset))
            return ApiResponses.Error(StatusCodes.Status400BadRequest, "INVALID_QUERY_LOCATOR", $"Invalid query locator: {locator}");

        var page = listed.Skip(offset).Take(PageSize).ToList();
        var end = offset + page.Count;
        var next = end >= listed.Count ? null : NextUrl(version, end, query);
        return ApiResponses.Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteBoolean("done", next is null);
            writer.WriteStartArray("records");
            foreach (var job in page)
                writeEntry(writer, job);
            writer.WriteEndArray();
            if (next is null)
                writer.WriteNull("nextRecordsUrl");
            else
                writer.WriteString("nextRecordsUrl", next);
            writer.WriteEndObject();
        });
    }

    // UNVERIFIED: the emulator's wording for a filter value the API does not list.
    public static RestReply Invalid(string message) => ApiResponses.Error(StatusCodes.Status400BadRequest, "INVALIDJOB", message);

    private string NextUrl(string version, int offset, IQueryCollection query)
    {
        var url = $"/services/data/v{version}/jobs/{kind}?queryLocator={locatorId}-{offset.ToString(CultureInfo.InvariantCulture)}";
        foreach (var filter in filters)
        {
            var value = query[filter].ToString();
            if (value.Length > 0)
                url += $"&{filter}={Uri.EscapeDataString(value)}";
        }
        return url;
    }

    private bool TryReadLocator(string locator, out int offset)
    {
        offset = 0;
        var dash = locator.LastIndexOf('-');
        return dash > 0 && locator[..dash] == locatorId
            && int.TryParse(locator.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
    }
}

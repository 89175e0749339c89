using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Rest;

namespace SalesforceEmulator.Bulk.Query;

/// <summary>
/// GET /jobs/query: every query job, a page at a time as the ingest list pages (<see cref="JobListPages"/>). Filters:
/// jobType (V2Query lists these jobs; Classic and V2Ingest list none here), isPkChunkingEnabled (true lists none) and
/// concurrencyMode (parallel lists them, serial none).
/// </summary>
public sealed class QueryJobList(QueryJobStore jobs, TimeProvider time)
{
    private static readonly JobListPages Pages = new("query", "01g000000000001AAA", ["Classic", "V2Ingest", "V2Query"],
        "jobType", "isPkChunkingEnabled", "concurrencyMode");

    private static readonly string[] ConcurrencyModes = ["parallel", "serial"];

    public RestReply Page(string version, IQueryCollection query)
    {
        if (Pages.RefuseFilters(query) is { } refusal)
            return refusal;
        var concurrency = query["concurrencyMode"].ToString();
        if (concurrency.Length > 0 && !ConcurrencyModes.Contains(concurrency, StringComparer.OrdinalIgnoreCase))
            return JobListPages.Invalid($"Invalid value for concurrencyMode: {concurrency}. Expected parallel or serial.");

        var listed = query["jobType"].ToString() is "" or "V2Query" && !JobListPages.AsksPkChunking(query)
            && !concurrency.Equals("serial", StringComparison.OrdinalIgnoreCase)
            ? jobs.All()
            : [];
        var now = time.GetUtcNow();
        return Pages.Page(version, query, listed, (writer, job) => QueryJobJson.Write(writer, job, QueryJobJson.Shape.ListEntry, now));
    }
}

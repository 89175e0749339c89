using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Rest;

namespace SalesforceEmulator.Bulk;

/// <summary>
/// GET /jobs/ingest: every job, a page at a time (<see cref="JobListPages"/>). Filters: jobType (V2Ingest lists these
/// jobs; Classic and BigObjectIngest, which the emulator does not run, list none) and isPkChunkingEnabled (true lists
/// none).
/// </summary>
public sealed class JobList(JobStore jobs, TimeProvider time)
{
    private static readonly JobListPages Pages =
        new("ingest", "01g000000000000AAA", ["BigObjectIngest", "Classic", "V2Ingest"], "jobType", "isPkChunkingEnabled");

    public RestReply Page(string version, IQueryCollection query)
    {
        if (Pages.RefuseFilters(query) is { } refusal)
            return refusal;
        var listed = query["jobType"].ToString() is "" or "V2Ingest" && !JobListPages.AsksPkChunking(query)
            ? jobs.All()
            : [];
        var now = time.GetUtcNow();
        return Pages.Page(version, query, listed, (writer, job) => JobJson.Write(writer, job, JobJson.Shape.ListEntry, now));
    }
}

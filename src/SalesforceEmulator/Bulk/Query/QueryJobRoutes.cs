using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Org;
using SalesforceEmulator.Rest;
using SalesforceEmulator.Rest.Soql;

namespace SalesforceEmulator.Bulk.Query;

/// <summary>
/// Bulk API 2.0 query jobs under /services/data/vXX.X/jobs/query (from API 47.0): create (query or queryAll), list,
/// job info, abort, delete, and results as CSV pages with Sforce-Locator and Sforce-NumberOfRecords. The query is
/// parsed and checked at create, so a bad one is refused there with the code a REST query gets; constructs Bulk API
/// 2.0 does not take (COUNT(), OFFSET, parent-to-child subqueries) are refused as Salesforce refuses them.
/// </summary>
public sealed class QueryJobRoutes(OrgStore org, QueryJobStore jobs, ApiUsage usage, TimeProvider time)
{
    /// <summary>Rows a results page holds when the request sets no maxRecords (UNVERIFIED: "a default value based on the service").</summary>
    public const int DefaultPageSize = 100_000;

    public void Map(WebApplication app, VersionGate versions)
    {
        var query = RestRoutes.VersionedGroup(app, versions, usage, "/jobs/query");
        var list = new QueryJobList(jobs, time);
        query.MapPost("/", (HttpRequest request, string version) => CreateAsync(request, ApiVersionRange.FromSegment(version)));
        query.MapGet("/", (HttpRequest request, string version) => list.Page(ApiVersionRange.FromSegment(version), request.Query));
        query.MapGet("/{jobId}", (string jobId) => Info(jobId));
        query.MapPatch("/{jobId}", (HttpRequest request, string jobId) => AbortAsync(request, jobId));
        query.MapDelete("/{jobId}", (string jobId) => Delete(jobId));
        query.MapGet("/{jobId}/results", (HttpRequest request, string version, string jobId) =>
            ResultsPageOf(request, ApiVersionRange.FromSegment(version), jobId));
    }

    private static RestReply InvalidJob(string message) => ApiResponses.Error(StatusCodes.Status400BadRequest, "INVALIDJOB", message);

    private static RestReply ApiError(string message) => ApiResponses.Error(StatusCodes.Status400BadRequest, "API_ERROR", message);

    private async Task<RestReply> CreateAsync(HttpRequest request, string version)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return ApiResponses.Error(StatusCodes.Status400BadRequest, "JSON_PARSER_ERROR", $"The request body is not valid JSON: {e.Message}");
        }
        using (document)
        {
            var body = document.RootElement;
            if (body.ValueKind != JsonValueKind.Object)
                return ApiResponses.Error(StatusCodes.Status400BadRequest, "JSON_PARSER_ERROR", "The request body must be a JSON object.");
            string? Text(string name) => body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

            // UNVERIFIED: the texts of the INVALIDJOB refusals of a job's settings are the emulator's.
            var operation = Text("operation");
            if (operation is not ("query" or "queryAll"))
                return InvalidJob($"Invalid value for operation: {operation ?? "(missing)"}. Expected query or queryAll.");
            var soql = Text("query");
            if (string.IsNullOrWhiteSpace(soql))
                return InvalidJob("Query is required to create a query job.");
            if (JobCsvSettings.Read(Text, out var dialect) is { } csvRefusal)
                return csvRefusal;

            SoqlQuery parsed;
            try
            {
                parsed = SoqlParser.Parse(soql);
                if (BulkRefusal(parsed) is { } refusal)
                    return refusal;
                SoqlRunner.Check(org, parsed);
            }
            catch (SoqlException e)
            {
                return ApiResponses.Error(StatusCodes.Status400BadRequest, e.ErrorCode, e.Message);
            }
            var objectName = org.Find(parsed.Object.Text)!.Schema.Name;
            if (Text("object") is { Length: > 0 } named && !named.Equals(objectName, StringComparison.OrdinalIgnoreCase))
                return InvalidJob($"The root entity of the requested query ({objectName}) does not match the entity of the requested Bulk API Job ({named})");

            if (!usage.TryCountBulkQueryJob(out var used))
            {
                // The text real orgs answer once the day's query jobs are used up.
                return ApiResponses.Error(StatusCodes.Status400BadRequest, "LIMIT_EXCEEDED",
                    $"Max bulk v2 query jobs ({usage.Limits.Max(LimitLedger.DailyBulkV2QueryJobs)}) per 24 hrs has been reached ({used + 1})");
            }
            var job = jobs.Create(parsed, objectName, operation == "queryAll", dialect, version);
            var now = time.GetUtcNow();
            return ApiResponses.Json(writer => QueryJobJson.Write(writer, job, QueryJobJson.Shape.Created, now));
        }
    }

    /// <summary>
    /// What Bulk API 2.0 does not run ("Create a Query Job": aggregate functions such as COUNT(), OFFSET, parent-to-child
    /// relationship queries). The subquery text is the one real orgs answer; the other two are UNVERIFIED wording.
    /// </summary>
    private static RestReply? BulkRefusal(SoqlQuery query)
    {
        if (query.Subquery is not null)
            return ApiError("Aggregate Relationships not supported in Bulk V2 Query with CSV content type");
        if (query.IsCount)
            return ApiError("Aggregate functions such as COUNT() are not supported in Bulk V2 Query");
        if (query.Offset is not null)
            return ApiError("OFFSET is not supported in Bulk V2 Query");
        return null;
    }

    private RestReply Info(string jobId)
    {
        var job = jobs.Find(jobId);
        if (job is null)
            return ApiResponses.NotFound();
        var now = time.GetUtcNow();
        return ApiResponses.Json(writer => QueryJobJson.Write(writer, job, QueryJobJson.Shape.Info, now));
    }

    private async Task<RestReply> AbortAsync(HttpRequest request, string jobId)
    {
        var job = jobs.Find(jobId);
        if (job is null)
            return ApiResponses.NotFound();
        var (requested, unreadable) = await JobStateRequest.ReadAsync(request).ConfigureAwait(false);
        if (unreadable is not null)
            return unreadable;
        // UNVERIFIED: the codes and texts of these refusals are the emulator's.
        if (requested != "Aborted")
            return ApiResponses.Error(StatusCodes.Status400BadRequest, "INVALIDJOBSTATE",
                $"Invalid state for a query job update: {requested ?? "(missing)"}. A query job can only be set to Aborted.");
        var now = time.GetUtcNow();
        lock (job.Gate)
        {
            var from = job.State;
            if (from is not (JobState.UploadComplete or JobState.InProgress) || !job.TryMove(from, JobState.Aborted, now))
                return ApiResponses.Error(StatusCodes.Status400BadRequest, "INVALIDJOBSTATE",
                    job.State == JobState.JobComplete ? "Aborting already Completed Job not allowed" : $"Unable to abort job {job.Id}: the job is already {job.State}.");
        }
        return ApiResponses.Json(writer => QueryJobJson.Write(writer, job, QueryJobJson.Shape.StateChanged, now));
    }

    private RestReply Delete(string jobId)
    {
        var job = jobs.Find(jobId);
        if (job is null)
            return ApiResponses.NotFound();
        lock (job.Gate)
        {
            // "You can only delete a job if its state is JobComplete, Aborted, or Failed" (the guide's example error).
            if (!job.State.IsTerminal())
                return ApiError("Error encountered when deleting the job because the job is not terminated");
        }
        jobs.Delete(job);
        return RestReply.Empty(StatusCodes.Status204NoContent);
    }

    private IResult ResultsPageOf(HttpRequest request, string version, string jobId)
    {
        var job = jobs.Find(jobId);
        if (job is null)
            return ApiResponses.NotFound();
        // "You must use the same API version to get query results that you used to create the query. Otherwise, the
        // call returns a 409 error." UNVERIFIED: the body's code and text.
        if (version != job.ApiVersion)
            return ApiResponses.Error(StatusCodes.Status409Conflict, "API_ERROR",
                $"Query job {job.Id} was created in API version {job.ApiVersion}; get its results with that version, not {version}.");
        SoqlResult? result;
        JobState state;
        lock (job.Gate)
        {
            state = job.State;
            result = job.Result;
        }
        // UNVERIFIED: the guide says the job must be JobComplete; the refusal's code and text are the emulator's.
        if (state != JobState.JobComplete || result is null)
            return ApiResponses.Error(StatusCodes.Status400BadRequest, "INVALIDJOBSTATE",
                $"Results of query job {job.Id} are not available while it is {state}; they are once it is JobComplete.");

        var maxRecordsText = request.Query["maxRecords"].ToString();
        var pageSize = DefaultPageSize;
        if (maxRecordsText.Length > 0
            && (!int.TryParse(maxRecordsText, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1))
            return InvalidJob($"Invalid value for maxRecords: {maxRecordsText}. Expected a positive whole number.");
        var locator = request.Query["locator"].ToString();
        var offset = 0;
        // UNVERIFIED: the code and text for a locator the job never handed out.
        if (locator.Length > 0 && (!ResultLocator.TryDecode(locator, out offset) || offset > result.Records.Count))
            return ApiResponses.Error(StatusCodes.Status400BadRequest, "INVALID_QUERY_LOCATOR", $"Invalid locator: {locator}");
        var count = Math.Min(pageSize, result.Records.Count - offset);
        var end = offset + count;
        var next = end < result.Records.Count ? ResultLocator.Encode(end) : "null";
        return new CsvDownload((stream, cancellation) => QueryResultsCsv.WriteAsync(job, result, offset, count, stream, cancellation),
            ("Sforce-Locator", next), ("Sforce-NumberOfRecords", count.ToString(CultureInfo.InvariantCulture)));
    }
}

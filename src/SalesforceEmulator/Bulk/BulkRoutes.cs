using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Org;
using SalesforceEmulator.Rest;
using SalesforceEmulator.Rest.Assignment;

namespace SalesforceEmulator.Bulk;

/// <summary>
/// Bulk API 2.0 ingest routes under /services/data/vXX.X/jobs/ingest (from API 41.0) and the job state machine:
/// Open → (one upload) → UploadComplete → InProgress → JobComplete | Failed, and Aborted from the first three.
/// A multipart create carries the job and its CSV in one request and starts UploadComplete.
/// Refusals whose exact real text is unknown are listed as UNVERIFIED in ORG-FORMAT.md.
/// </summary>
public sealed class BulkRoutes(OrgStore org, JobStore jobs, TimeProvider time)
{
    /// <summary>CSV characters a multipart create may carry (larger data goes through PUT …/batches).</summary>
    public const int MaxMultipartCharacters = 100_000;

    public void Map(WebApplication app, VersionGate versions, ApiUsage usage)
    {
        var ingest = RestRoutes.VersionedGroup(app, versions, usage, "/jobs/ingest");
        var list = new JobList(jobs, time);

        ingest.MapPost("/", (HttpRequest request, string version) => CreateAsync(request, ApiVersionRange.FromSegment(version)))
            .AddEndpointFilter(usage.BulkBatchesGateAsync);
        ingest.MapGet("/", (HttpRequest request, string version) => list.Page(ApiVersionRange.FromSegment(version), request.Query));
        ingest.MapPut("/{jobId}/batches", (HttpRequest request, string jobId) => UploadAsync(request, jobId));
        ingest.MapPatch("/{jobId}", (HttpRequest request, string jobId) => ChangeStateAsync(request, jobId));
        ingest.MapGet("/{jobId}", (string jobId) => Info(jobId));
        ingest.MapDelete("/{jobId}", (string jobId) => Delete(jobId));
        ingest.MapGet("/{jobId}/{results}", (string jobId, string results) => ResultsFile(jobId, results));
    }

    private static RestReply InvalidJob(string message) => ApiResponses.Error(StatusCodes.Status400BadRequest, "INVALIDJOB", message);

    private static RestReply InvalidState(string message) => ApiResponses.Error(StatusCodes.Status400BadRequest, "INVALIDJOBSTATE", message);

    private async Task<IResult> CreateAsync(HttpRequest request, string version)
    {
        if (request.HasFormContentType && request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
            return await CreateWithDataAsync(request, version).ConfigureAwait(false);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return JsonParserError(e);
        }
        using (document)
        {
            if (NewJob(document.RootElement, version, out var job) is { } refusal)
                return refusal;
            job!.CreatedByClient = ClientName(request);
            var now = time.GetUtcNow();
            return ApiResponses.Json(writer => JobJson.Write(writer, job!, JobJson.Shape.Created, now));
        }
    }

    /// <summary>The creating request's User-Agent, cut to a length a table cell can show.</summary>
    private static string? ClientName(HttpRequest request)
    {
        var userAgent = request.Headers.UserAgent.ToString();
        return userAgent.Length == 0 ? null : userAgent.Length > 200 ? userAgent[..200] : userAgent;
    }

    /// <summary>
    /// A multipart/form-data create: a part named "job" (the job's JSON) and one named "content" (its CSV, at most
    /// 100,000 characters). The job is created, given the data and closed at once: it answers UploadComplete.
    /// </summary>
    private async Task<IResult> CreateWithDataAsync(HttpRequest request, string version)
    {
        var cancellation = request.HttpContext.RequestAborted;
        var form = await request.ReadFormAsync(cancellation).ConfigureAwait(false);
        var jobPart = form["job"].ToString();
        string? content = null;
        if (form.Files.GetFile("content") is { } file)
        {
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            content = await reader.ReadToEndAsync(cancellation).ConfigureAwait(false);
        }
        else if (form.TryGetValue("content", out var text))
        {
            content = text.ToString();
        }
        // UNVERIFIED: the emulator's wording for a multipart create without its two parts, or with too much data.
        if (jobPart.Length == 0 || content is null)
            return InvalidJob("A multipart job request needs a part named job (the job's JSON) and a part named content (its CSV data).");
        if (content.Length > MaxMultipartCharacters)
        {
            return ApiResponses.Error(StatusCodes.Status400BadRequest, "CLIENTINPUTERROR",
                $"The CSV data of a multipart request may have at most {MaxMultipartCharacters} characters; upload larger data to the job's contentUrl.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(jobPart);
        }
        catch (JsonException e)
        {
            return JsonParserError(e);
        }
        IngestJob job;
        using (document)
        {
            if (NewJob(document.RootElement, version, out var created) is { } refusal)
                return refusal;
            job = created!;
            job.CreatedByClient = ClientName(request);
        }
        using (var data = new MemoryStream(Encoding.UTF8.GetBytes(content)))
        {
            var path = await jobs.SaveUploadAsync(job, data, cancellation).ConfigureAwait(false);
            if (path is null)
                return UploadTooLarge();
            lock (job.Gate)
                job.UploadPath = path;
        }
        var now = time.GetUtcNow();
        JobStatus closed;
        lock (job.Gate)
        {
            job.TryMove(JobState.Open, JobState.UploadComplete, now);
            closed = job.Status;
        }
        jobs.StartProcessing(job);
        return ApiResponses.Json(writer => JobJson.Write(writer, job, closed, JobJson.Shape.Created, now));
    }

    /// <summary>Creates a job from its JSON settings, or answers why not.</summary>
    private RestReply? NewJob(JsonElement body, string version, out IngestJob? job)
    {
        job = null;
        if (body.ValueKind != JsonValueKind.Object)
            return ApiResponses.Error(StatusCodes.Status400BadRequest, "JSON_PARSER_ERROR", "The request body must be a JSON object.");
        string? Text(string name) => body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        var objectName = Text("object");
        if (string.IsNullOrEmpty(objectName))
            return InvalidJob("Object is required to create a job.");
        var table = org.Find(objectName);
        if (table is null)
            return InvalidJob($"Unable to find object: {objectName}");
        var operationName = Text("operation");
        if (!IngestOperations.TryParse(operationName, out var operation))
            return InvalidJob($"Invalid value for operation: {operationName ?? "(missing)"}. Expected one of insert, update, upsert, delete, hardDelete.");
        if (JobCsvSettings.Read(Text, out var dialect) is { } csvRefusal)
            return csvRefusal;
        string? assignmentRuleId = null;
        if (Text("assignmentRuleId") is { } rule)
        {
            // An AssignmentRule's id (key prefix 01Q); Salesforce runs it for Lead and Case jobs.
            if (!AssignmentRuleId.TryNormalize(rule, out var ruleId))
                return InvalidJob($"Invalid value for assignmentRuleId: {rule}. Expected the id of an assignment rule.");
            assignmentRuleId = ruleId;
        }

        string? externalIdFieldName = null;
        if (operation == IngestOperation.Upsert)
        {
            var requested = Text("externalIdFieldName");
            if (string.IsNullOrEmpty(requested))
                return InvalidJob($"External ID was blank for {table.Schema.Name}. An External ID must be specified for upsert.");
            var key = table.Schema.FindField(requested);
            if (key is null || !key.IsLookupKey)
                return InvalidJob($"Field name provided, {requested} does not match an External ID, Salesforce Id, or indexed field for {table.Schema.Name}");
            externalIdFieldName = key.Name;
        }

        job = jobs.Create(table.Schema.Name, operation, externalIdFieldName, dialect, version, assignmentRuleId);
        return null;
    }

    private static RestReply JsonParserError(JsonException e) =>
        ApiResponses.Error(StatusCodes.Status400BadRequest, "JSON_PARSER_ERROR", $"The request body is not valid JSON: {e.Message}");

    // UNVERIFIED: Salesforce documents the 150 MB (base64) limit, not its refusal; the text follows the Bulk API 1.0
    // "Exceeded max size limit" refusal real orgs answer.
    private RestReply UploadTooLarge() =>
        ApiResponses.Error(StatusCodes.Status400BadRequest, "CLIENTINPUTERROR",
            $"Failed to read request. Exceeded max size limit of {jobs.MaxUploadBase64Bytes} bytes (the upload counted base64-encoded)");

    private async Task<IResult> UploadAsync(HttpRequest request, string jobId)
    {
        var job = jobs.Find(jobId);
        if (job is null)
            return ApiResponses.NotFound();
        lock (job.Gate)
        {
            if (job.State != JobState.Open)
                return InvalidState($"Unable to upload data to job {job.Id}: the job is in state {job.State}; data can be uploaded only while it is Open.");
            if (job.UploadPath is not null)
                return ApiResponses.Error(StatusCodes.Status400BadRequest, "BULK_API_ERROR",
                    $"Found multiple contents for job: <{job.Id}>, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure you only do 'PUT' once on a given Job.");
            job.UploadPath = ""; // reserved: a concurrent second PUT is refused too
        }
        try
        {
            var path = await jobs.SaveUploadAsync(job, request.Body, request.HttpContext.RequestAborted).ConfigureAwait(false);
            lock (job.Gate)
                job.UploadPath = path;
            if (path is null)
                return UploadTooLarge();
        }
        catch
        {
            lock (job.Gate)
                job.UploadPath = null;
            throw;
        }
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private async Task<IResult> ChangeStateAsync(HttpRequest request, string jobId)
    {
        var job = jobs.Find(jobId);
        if (job is null)
            return ApiResponses.NotFound();
        var (requested, unreadable) = await JobStateRequest.ReadAsync(request).ConfigureAwait(false);
        if (unreadable is not null)
            return unreadable;

        var now = time.GetUtcNow();
        JobStatus set;
        switch (requested)
        {
            case "UploadComplete":
                lock (job.Gate)
                {
                    if (job.UploadPath == "")
                        return InvalidState($"Job {job.Id} is still receiving its upload.");
                    if (!job.TryMove(JobState.Open, JobState.UploadComplete, now))
                        return InvalidState($"Unable to change the state of job {job.Id} from {job.State} to UploadComplete; only an Open job can be closed.");
                    set = job.Status;
                }
                jobs.StartProcessing(job);
                break;
            case "Aborted":
                lock (job.Gate)
                {
                    var from = job.State;
                    if (from is not (JobState.Open or JobState.UploadComplete or JobState.InProgress) || !job.TryMove(from, JobState.Aborted, now))
                        return InvalidState($"Unable to abort job {job.Id}: the job is already {job.State}.");
                    set = job.Status;
                }
                break;
            default:
                return InvalidState($"Invalid state for a job update: {requested ?? "(missing)"}. Expected UploadComplete or Aborted.");
        }
        return ApiResponses.Json(writer => JobJson.Write(writer, job, set, JobJson.Shape.StateChanged, now));
    }

    private RestReply Info(string jobId)
    {
        var job = jobs.Find(jobId);
        if (job is null)
            return ApiResponses.NotFound();
        var now = time.GetUtcNow();
        return ApiResponses.Json(writer => JobJson.Write(writer, job, JobJson.Shape.Info, now));
    }

    private IResult Delete(string jobId)
    {
        var job = jobs.Find(jobId);
        if (job is null)
            return ApiResponses.NotFound();
        lock (job.Gate)
        {
            if (job.State is JobState.Open or JobState.InProgress)
                return InvalidState($"Unable to delete job {job.Id} in state {job.State}. To be deleted, a job must have a state of UploadComplete, JobComplete, Aborted, or Failed.");
        }
        jobs.Delete(job);
        return Results.NoContent();
    }

    private IResult ResultsFile(string jobId, string results)
    {
        if (!ResultsCsv.TryParseKind(results, out var kind))
            return ApiResponses.NotFound();
        var job = jobs.Find(jobId);
        if (job is null)
            return ApiResponses.NotFound();
        lock (job.Gate)
        {
            if (!job.State.IsTerminal())
                return InvalidState($"Results of job {job.Id} are not available while it is {job.State}; wait until it is JobComplete, Failed or Aborted.");
        }
        return new CsvDownload((stream, cancellation) => ResultsCsv.WriteAsync(job, kind, stream, cancellation));
    }
}

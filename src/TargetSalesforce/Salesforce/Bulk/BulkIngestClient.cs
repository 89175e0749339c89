using Newtonsoft.Json.Linq;
using TargetSalesforce.Destination;
using TargetSalesforce.Salesforce.Api;
using TargetSalesforce.Salesforce.Csv;
using TargetSalesforce.Salesforce.Http;

namespace TargetSalesforce.Salesforce.Bulk;

/// <summary>The Bulk API 2.0 ingest calls, one method each: create, upload, close, abort, status, results.</summary>
internal sealed class BulkIngestClient(SalesforceApi api)
{
    /// <summary>Creates an ingest job; <paramref name="assignmentRuleId"/> makes its inserts and updates run that Lead or Case assignment rule.</summary>
    public async Task<JobInfo> CreateAsync(
        string objectName, LoadAction action, string? externalIdField, CancellationToken cancellationToken, string? assignmentRuleId = null)
    {
        var body = new JObject
        {
            ["object"] = objectName,
            ["operation"] = Operation(action),
            ["contentType"] = "CSV",
            ["lineEnding"] = "LF",
            ["columnDelimiter"] = "COMMA",
        };
        if (action == LoadAction.Upsert)
        {
            body["externalIdFieldName"] = externalIdField;
        }

        if (assignmentRuleId is not null && action is LoadAction.Insert or LoadAction.Update or LoadAction.Upsert)
        {
            body["assignmentRuleId"] = assignmentRuleId;
        }

        var json = body.ToString(Newtonsoft.Json.Formatting.None);
        var request = new ApiRequest(HttpMethod.Post, api.DataPath("jobs/ingest"), $"create {Operation(action)} job on {objectName}", ReplayRule.CreateOnce)
        {
            Content = () => new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        return await SendForJobAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The one upload a job takes. The content factory re-serialises the same rows for any retry.</summary>
    public async Task UploadAsync(string jobId, byte[] header, IReadOnlyList<ReadOnlyMemory<byte>> rows, CancellationToken cancellationToken)
    {
        var request = new ApiRequest(HttpMethod.Put, api.DataPath($"jobs/ingest/{jobId}/batches"), $"upload to job {jobId}", ReplayRule.UploadOnce)
        {
            Content = () => new CsvRowsContent(header, rows),
        };
        await api.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public Task<JobInfo> CloseAsync(string jobId, CancellationToken cancellationToken) =>
        SetStateAsync(jobId, "UploadComplete", "close", cancellationToken);

    public Task<JobInfo> AbortAsync(string jobId, CancellationToken cancellationToken) =>
        SetStateAsync(jobId, "Aborted", "abort", cancellationToken);

    public Task<JobInfo> GetAsync(string jobId, CancellationToken cancellationToken) =>
        SendForJobAsync(new ApiRequest(HttpMethod.Get, api.DataPath($"jobs/ingest/{jobId}"), $"status of job {jobId}", ReplayRule.Idempotent), cancellationToken);

    public Task<CsvTable> FailedResultsAsync(string jobId, CancellationToken cancellationToken) =>
        ResultsAsync(jobId, "failedResults", cancellationToken);

    /// <summary>The rows a job wrote: `sf__Id`, `sf__Created`, then the uploaded columns.</summary>
    public Task<CsvTable> SuccessfulResultsAsync(string jobId, CancellationToken cancellationToken) =>
        ResultsAsync(jobId, "successfulResults", cancellationToken);

    public Task<CsvTable> UnprocessedRecordsAsync(string jobId, CancellationToken cancellationToken) =>
        ResultsAsync(jobId, "unprocessedrecords", cancellationToken);

    private Task<JobInfo> SetStateAsync(string jobId, string state, string purpose, CancellationToken cancellationToken)
    {
        var json = new JObject { ["state"] = state }.ToString(Newtonsoft.Json.Formatting.None);
        var request = new ApiRequest(HttpMethod.Patch, api.DataPath($"jobs/ingest/{jobId}"), $"{purpose} job {jobId}", ReplayRule.Idempotent)
        {
            Content = () => new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        return SendForJobAsync(request, cancellationToken);
    }

    private async Task<CsvTable> ResultsAsync(string jobId, string kind, CancellationToken cancellationToken)
    {
        var request = new ApiRequest(HttpMethod.Get, api.DataPath($"jobs/ingest/{jobId}/{kind}"), $"{kind} of job {jobId}", ReplayRule.Idempotent)
        {
            Accept = "text/csv",
        };
        var response = await api.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.LooksLikeHtml)
        {
            throw new UnreadableAnswerException($"{request.Description}: Salesforce answered with an HTML page instead of CSV.", response.Status);
        }

        try
        {
            return CsvTable.Parse(response.Body);
        }
        catch (FormatException ex)
        {
            throw new UnreadableAnswerException($"{request.Description}: the result CSV cannot be read: {ex.Message}", response.Status, inner: ex);
        }
    }

    private async Task<JobInfo> SendForJobAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var response = await api.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Body.Length == 0 || response.LooksLikeHtml)
        {
            throw new UnreadableAnswerException($"{request.Description}: Salesforce answered HTTP {(int)response.Status} with {ApiError.From(response).Text}.", response.Status);
        }

        try
        {
            return JobInfo.Parse(response.BodyText, request.Description);
        }
        catch (FormatException ex)
        {
            throw new UnreadableAnswerException(ex.Message, response.Status, inner: ex);
        }
    }

    public static string Operation(LoadAction action) => action switch
    {
        LoadAction.Insert => "insert",
        LoadAction.Update => "update",
        LoadAction.Upsert => "upsert",
        LoadAction.Delete => "delete",
        LoadAction.HardDelete => "hardDelete",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}

using System.Globalization;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Salesforce.Api;
using TargetSalesforce.Salesforce.Csv;
using TargetSalesforce.Salesforce.Http;

namespace TargetSalesforce.Salesforce.Query;

/// <summary>The Bulk API 2.0 query calls, one method each: create, status, one set of results, abort, delete.</summary>
internal sealed class BulkQueryClient(SalesforceApi api)
{
    /// <summary>The header naming the next set of results; the text `null` after the last set.</summary>
    public const string LocatorHeader = "Sforce-Locator";

    /// <param name="includeDeleted">`queryAll`: rows in the Recycle Bin come back too (with IsDeleted true).</param>
    public async Task<QueryJobInfo> CreateAsync(string soql, bool includeDeleted, CancellationToken cancellationToken)
    {
        var json = new JObject
        {
            ["operation"] = includeDeleted ? "queryAll" : "query",
            ["query"] = soql,
            ["contentType"] = "CSV",
            ["columnDelimiter"] = "COMMA",
            ["lineEnding"] = "LF",
        }.ToString(Newtonsoft.Json.Formatting.None);

        // A repeated create after a lost answer only leaves one more read-only job behind, which Salesforce expires.
        var request = new ApiRequest(HttpMethod.Post, api.DataPath("jobs/query"), "create query job", ReplayRule.CreateOnce)
        {
            Content = () => new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        return await SendForJobAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public Task<QueryJobInfo> GetAsync(string jobId, CancellationToken cancellationToken) =>
        SendForJobAsync(new ApiRequest(HttpMethod.Get, api.DataPath($"jobs/query/{jobId}"), $"status of query job {jobId}", ReplayRule.Idempotent), cancellationToken);

    /// <summary>One set of results: the first when <paramref name="locator"/> is null; at most <paramref name="maxRecords"/> rows.</summary>
    public async Task<QueryResultPage> ResultsAsync(string jobId, string? locator, int maxRecords, CancellationToken cancellationToken)
    {
        var query = $"maxRecords={maxRecords.ToString(CultureInfo.InvariantCulture)}"
                    + (locator is null ? string.Empty : $"&locator={Uri.EscapeDataString(locator)}");
        var request = new ApiRequest(HttpMethod.Get, api.DataPath($"jobs/query/{jobId}/results?{query}"), $"results of query job {jobId}", ReplayRule.Idempotent)
        {
            Accept = "text/csv",
        };
        var response = await api.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.LooksLikeHtml)
        {
            throw new UnreadableAnswerException($"{request.Description}: Salesforce answered with an HTML page instead of CSV.", response.Status);
        }

        CsvTable table;
        try
        {
            table = CsvTable.Parse(response.Body);
        }
        catch (FormatException ex)
        {
            throw new UnreadableAnswerException($"{request.Description}: the result CSV cannot be read: {ex.Message}", response.Status, inner: ex);
        }

        var next = response.Header(LocatorHeader);
        return new QueryResultPage(table, string.IsNullOrEmpty(next) || next == "null" ? null : next);
    }

    public async Task AbortAsync(string jobId, CancellationToken cancellationToken)
    {
        var json = new JObject { ["state"] = "Aborted" }.ToString(Newtonsoft.Json.Formatting.None);
        var request = new ApiRequest(HttpMethod.Patch, api.DataPath($"jobs/query/{jobId}"), $"abort query job {jobId}", ReplayRule.Idempotent)
        {
            Content = () => new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        await api.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a finished job and its stored results (Salesforce answers 204).</summary>
    public async Task DeleteAsync(string jobId, CancellationToken cancellationToken) =>
        await api.SendAsync(new ApiRequest(HttpMethod.Delete, api.DataPath($"jobs/query/{jobId}"), $"delete query job {jobId}", ReplayRule.Idempotent), cancellationToken)
            .ConfigureAwait(false);

    private async Task<QueryJobInfo> SendForJobAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var response = await api.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Body.Length == 0 || response.LooksLikeHtml)
        {
            throw new UnreadableAnswerException($"{request.Description}: Salesforce answered HTTP {(int)response.Status} with {ApiError.From(response).Text}.", response.Status);
        }

        try
        {
            return QueryJobInfo.Parse(response.BodyText, request.Description);
        }
        catch (FormatException ex)
        {
            throw new UnreadableAnswerException(ex.Message, response.Status, inner: ex);
        }
    }
}

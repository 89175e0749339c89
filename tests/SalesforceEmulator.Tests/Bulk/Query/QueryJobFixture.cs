using System.Net;
using System.Text.Json;
using SalesforceEmulator.Bulk.Query;
using SalesforceEmulator.Tests.Support;
using TestSupport;

namespace SalesforceEmulator.Tests.Bulk.Query;

/// <summary>Query-job helpers over loopback HTTP: create a job, wait for its end, read its result pages.</summary>
public abstract class QueryJobFixture : EmulatorFixture
{
    [SetUp]
    public void ResetQueryJobs() => Host.QueryJobs.Reset();

    /// <summary>Creates a query job; returns the response (the caller asserts and disposes).</summary>
    protected Task<HttpResponseMessage> CreateQueryJobAsync(string soql, string operation = "query", string? extra = null, string version = V) =>
        PostJsonAsync($"{version}/jobs/query", $$"""{"operation":"{{operation}}","query":{{JsonSerializer.Serialize(soql)}}{{(extra is null ? "" : "," + extra)}}}""");

    /// <summary>Creates a query job that must be accepted; returns its id.</summary>
    protected async Task<string> StartQueryAsync(string soql, string operation = "query", string? extra = null)
    {
        using var response = await CreateQueryJobAsync(soql, operation, extra);
        var json = await ReadJson(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json.ToString());
        return json.GetProperty("id").GetString()!;
    }

    protected async Task WaitForQueryAsync(string jobId) => await Host.QueryJobs.Find(jobId)!.Completion.WaitAsync(WaitLimit);

    protected sealed record ResultPage(HttpStatusCode Status, string Body, string? Locator, string? NumberOfRecords)
    {
        public List<string[]> Rows => CsvText.Parse(Body);
    }

    protected async Task<ResultPage> ResultsPageAsync(string jobId, string? locator = null, int? maxRecords = null, string version = V)
    {
        var query = new List<string>();
        if (locator is not null)
            query.Add("locator=" + Uri.EscapeDataString(locator));
        if (maxRecords is not null)
            query.Add("maxRecords=" + maxRecords);
        var path = $"{version}/jobs/query/{jobId}/results" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        using var response = await Client.GetAsync(path);
        string? Header(string name) => response.Headers.TryGetValues(name, out var values) ? values.Single() : null;
        return new ResultPage(response.StatusCode, await response.Content.ReadAsStringAsync(), Header("Sforce-Locator"), Header("Sforce-NumberOfRecords"));
    }

    /// <summary>Runs a query job to its end and reads every page; returns the header and the data rows.</summary>
    protected async Task<(string[] Header, List<string[]> Rows)> QueryRowsAsync(string soql, string operation = "query", int? maxRecords = null)
    {
        var id = await StartQueryAsync(soql, operation);
        await WaitForQueryAsync(id);
        string[]? header = null;
        var rows = new List<string[]>();
        string? locator = null;
        do
        {
            var page = await ResultsPageAsync(id, locator, maxRecords);
            Assert.That(page.Status, Is.EqualTo(HttpStatusCode.OK), page.Body);
            var parsed = page.Rows;
            header ??= parsed[0];
            Assert.That(parsed[0], Is.EqualTo(header), "every page starts with the header");
            rows.AddRange(parsed.Skip(1));
            locator = page.Locator == "null" ? null : page.Locator;
        }
        while (locator is not null);
        return (header!, rows);
    }

    /// <summary>Upserts Accounts on External_Id__c from "ext,name,employees" triples; fails the test on a row error.</summary>
    protected async Task SeedAccountsAsync(params string[] rows)
    {
        var run = await RunJobAsync("Account", "upsert", "External_Id__c,Name,NumberOfEmployees\n" + string.Join('\n', rows) + "\n", "External_Id__c");
        Assert.That(run.Failed, Is.Zero);
    }

    /// <summary>The Salesforce Id of the Account with an external id.</summary>
    protected async Task<string> AccountIdAsync(string externalId) =>
        (await QueryAsync($"SELECT Id FROM Account WHERE External_Id__c = '{externalId}'"))[0]["Id"].GetString()!;

    protected async Task<string> QueryJobStateAsync(string jobId) =>
        (await GetJson($"{V}/jobs/query/{jobId}")).GetProperty("state").GetString()!;

    protected QueryJob Job(string jobId) => Host.QueryJobs.Find(jobId)!;
}

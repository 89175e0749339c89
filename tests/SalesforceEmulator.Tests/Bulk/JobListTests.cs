using System.Net;
using SalesforceEmulator.Bulk;
using SalesforceEmulator.Bulk.Csv;
using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Bulk;

/// <summary>GET /jobs/ingest pages 1,000 jobs at a time and honours its filters.</summary>
public sealed class JobListTests : EmulatorFixture
{
    private void CreateJobs(int count)
    {
        for (var i = 0; i < count; i++)
            Host.Jobs.Create("Account", IngestOperation.Insert, null, new CsvDialect("COMMA", "LF"), "60.0");
    }

    [Test]
    public async Task More_than_1000_jobs_come_in_pages_with_a_locator()
    {
        CreateJobs(1001);

        var first = await GetJson($"{V}/jobs/ingest");
        var next = first.GetProperty("nextRecordsUrl").GetString()!;
        var second = await GetJson(next);

        Assert.That(first.GetProperty("done").GetBoolean(), Is.False);
        Assert.That(first.GetProperty("records").GetArrayLength(), Is.EqualTo(1000));
        Assert.That(next, Does.StartWith("/services/data/v60.0/jobs/ingest?queryLocator=01g"));
        Assert.That(second.GetProperty("done").GetBoolean(), Is.True);
        Assert.That(second.GetProperty("records").GetArrayLength(), Is.EqualTo(1));
        Assert.That(second.GetProperty("nextRecordsUrl").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
    }

    [TestCase("?jobType=V2Ingest", 3)]
    [TestCase("?jobType=Classic", 0)]
    [TestCase("?jobType=BigObjectIngest", 0)]
    [TestCase("?isPkChunkingEnabled=true", 0)]
    [TestCase("?isPkChunkingEnabled=false", 3)]
    [TestCase("", 3)]
    public async Task Filters_pick_the_jobs_listed(string query, int expected)
    {
        CreateJobs(3);

        var list = await GetJson($"{V}/jobs/ingest{query}");

        Assert.That(list.GetProperty("records").GetArrayLength(), Is.EqualTo(expected));
    }

    [TestCase("?jobType=Bulk3")]
    [TestCase("?isPkChunkingEnabled=maybe")]
    [TestCase("?queryLocator=garbage")]
    public async Task A_bad_filter_or_locator_is_400(string query)
    {
        using var response = await Client.GetAsync($"{V}/jobs/ingest{query}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task An_entry_carries_the_jobs_settings_as_a_real_one_does()
    {
        var id = await CreateJobAsync("Account", "upsert", "External_Id__c");

        var entry = (await GetJson($"{V}/jobs/ingest")).GetProperty("records")[0];

        Assert.That(entry.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
        {
            "id", "operation", "object", "createdById", "createdDate", "systemModstamp", "state", "externalIdFieldName",
            "concurrencyMode", "contentType", "apiVersion", "jobType", "contentUrl", "lineEnding", "columnDelimiter",
        }));
        Assert.That(entry.GetProperty("id").GetString(), Is.EqualTo(id));
        Assert.That(entry.GetProperty("jobType").GetString(), Is.EqualTo("V2Ingest"));
        Assert.That(entry.GetProperty("externalIdFieldName").GetString(), Is.EqualTo("External_Id__c"));
    }
}

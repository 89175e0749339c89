using System.Net;
using System.Text.Json;

namespace SalesforceEmulator.Tests.Bulk.Query;

/// <summary>Create, info, list, abort and delete of Bulk API 2.0 query jobs, and the DailyBulkV2QueryJobs count.</summary>
public sealed class QueryJobLifecycleTests : QueryJobFixture
{
    [Test]
    public async Task Create_answers_the_guides_shape_in_state_UploadComplete()
    {
        using var response = await CreateQueryJobAsync("SELECT Id, Name FROM account", extra: "\"columnDelimiter\":\"PIPE\",\"lineEnding\":\"CRLF\",\"contentType\":\"CSV\"");
        var body = await response.Content.ReadAsStringAsync();
        var json = await ReadJson(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(json.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
        {
            "id", "operation", "object", "createdById", "createdDate", "systemModstamp", "state", "concurrencyMode", "contentType",
            "apiVersion", "lineEnding", "columnDelimiter",
        }));
        Assert.Multiple(() =>
        {
            Assert.That(json.GetProperty("id").GetString(), Has.Length.EqualTo(18).And.StartWith("750"));
            Assert.That(json.GetProperty("operation").GetString(), Is.EqualTo("query"));
            Assert.That(json.GetProperty("object").GetString(), Is.EqualTo("Account"), "the object comes from the query, spelled as the org does");
            Assert.That(json.GetProperty("state").GetString(), Is.EqualTo("UploadComplete"));
            Assert.That(json.GetProperty("lineEnding").GetString(), Is.EqualTo("CRLF"));
            Assert.That(json.GetProperty("columnDelimiter").GetString(), Is.EqualTo("PIPE"));
            Assert.That(body, Does.Contain("\"apiVersion\":60.0"));
        });
    }

    [Test]
    public async Task Info_of_a_completed_job_has_every_documented_field()
    {
        await SeedAccountsAsync("A-1,One,1", "A-2,Two,2");
        var id = await StartQueryAsync("SELECT Id FROM Account", "queryAll");
        await WaitForQueryAsync(id);

        var info = await GetJson($"{V}/jobs/query/{id}");

        Assert.That(info.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
        {
            "id", "operation", "object", "createdById", "createdDate", "systemModstamp", "state", "concurrencyMode", "contentType",
            "apiVersion", "jobType", "lineEnding", "columnDelimiter", "numberRecordsProcessed", "retries", "totalProcessingTime",
            "isPkChunkingSupported",
        }));
        Assert.Multiple(() =>
        {
            Assert.That(info.GetProperty("state").GetString(), Is.EqualTo("JobComplete"));
            Assert.That(info.GetProperty("operation").GetString(), Is.EqualTo("queryAll"));
            Assert.That(info.GetProperty("jobType").GetString(), Is.EqualTo("V2Query"));
            Assert.That(info.GetProperty("numberRecordsProcessed").GetInt64(), Is.EqualTo(2));
            Assert.That(info.GetProperty("retries").GetInt64(), Is.Zero);
        });
    }

    [Test]
    public async Task Unknown_jobs_are_404_and_ingest_jobs_are_not_query_jobs()
    {
        var ingest = await CreateJobAsync("Account", "insert");

        using var unknown = await Client.GetAsync($"{V}/jobs/query/750000000000000AAA");
        using var other = await Client.GetAsync($"{V}/jobs/query/{ingest}");

        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Query_jobs_need_API_47_or_later()
    {
        using var old = await CreateQueryJobAsync("SELECT Id FROM Account", version: "/services/data/v46.0");

        Assert.That(old.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task The_list_pages_jobs_and_filters_by_job_type()
    {
        var first = await StartQueryAsync("SELECT Id FROM Account");
        var second = await StartQueryAsync("SELECT Id FROM Contact");
        await CreateJobAsync("Account", "insert");

        var all = await GetJson($"{V}/jobs/query");
        var ingestOnly = await GetJson($"{V}/jobs/query?jobType=V2Ingest");
        using var bad = await Client.GetAsync($"{V}/jobs/query?jobType=Nope");

        Assert.That(all.GetProperty("done").GetBoolean(), Is.True);
        Assert.That(all.GetProperty("nextRecordsUrl").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(all.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("id").GetString()), Is.EqualTo(new[] { first, second }));
        Assert.That(all.GetProperty("records")[0].GetProperty("jobType").GetString(), Is.EqualTo("V2Query"));
        Assert.That(ingestOnly.GetProperty("records").GetArrayLength(), Is.Zero);
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task A_completed_job_is_deleted_with_204_and_is_gone()
    {
        var id = await StartQueryAsync("SELECT Id FROM Account");
        await WaitForQueryAsync(id);

        using var deleted = await Client.DeleteAsync($"{V}/jobs/query/{id}");
        using var after = await Client.GetAsync($"{V}/jobs/query/{id}");
        using var results = await Client.GetAsync($"{V}/jobs/query/{id}/results");

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(results.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Aborting_a_completed_job_is_refused()
    {
        var id = await StartQueryAsync("SELECT Id FROM Account");
        await WaitForQueryAsync(id);

        using var abort = await PatchQueryStateAsync(id, "Aborted");
        var json = await ReadJson(abort);

        Assert.That(abort.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(json[0].GetProperty("errorCode").GetString(), Is.EqualTo("INVALIDJOBSTATE"));
        Assert.That(await QueryJobStateAsync(id), Is.EqualTo("JobComplete"));
    }

    [Test]
    public async Task A_state_other_than_Aborted_is_refused()
    {
        var id = await StartQueryAsync("SELECT Id FROM Account");

        using var close = await PatchQueryStateAsync(id, "UploadComplete");

        Assert.That(close.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ReadJson(close))[0].GetProperty("errorCode").GetString(), Is.EqualTo("INVALIDJOBSTATE"));
    }

    [Test]
    public async Task Each_job_counts_against_DailyBulkV2QueryJobs()
    {
        async Task<long> RemainingAsync() => (await GetJson($"{V}/limits")).GetProperty("DailyBulkV2QueryJobs").GetProperty("Remaining").GetInt64();
        var before = await RemainingAsync();

        await StartQueryAsync("SELECT Id FROM Account");
        await StartQueryAsync("SELECT Id FROM Contact", "queryAll");
        using (var refused = await CreateQueryJobAsync("SELECT Nope FROM Account"))
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var after = await RemainingAsync();

        Assert.That(before - after, Is.EqualTo(2), "two jobs created; a refused create is no job");
        Assert.That((await GetJson($"{V}/limits")).GetProperty("DailyBulkV2QueryJobs").GetProperty("Max").GetInt64(), Is.EqualTo(10000));
    }

    [Test]
    public async Task Stats_count_query_jobs_by_state_apart_from_ingest_jobs()
    {
        var id = await StartQueryAsync("SELECT Id FROM Account");
        await WaitForQueryAsync(id);

        var stats = await GetJson("/__emulator/stats");

        Assert.That(stats.GetProperty("queryJobs").GetProperty("JobComplete").GetInt32(), Is.EqualTo(1));
        Assert.That(stats.GetProperty("jobs").TryGetProperty("JobComplete", out _), Is.False);
    }

    private async Task<HttpResponseMessage> PatchQueryStateAsync(string jobId, string state)
    {
        using var change = Json($$"""{"state":"{{state}}"}""");
        return await Client.PatchAsync($"{V}/jobs/query/{jobId}", change);
    }
}

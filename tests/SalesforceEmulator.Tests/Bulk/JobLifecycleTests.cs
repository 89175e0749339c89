using System.Net;
using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Bulk;

public sealed class JobLifecycleTests : EmulatorFixture
{
    [Test]
    public async Task Create_answers_200_with_defaults_in_the_recorded_key_order()
    {
        using var create = Json("""{"object":"account","operation":"upsert","externalIdFieldName":"external_id__c"}""");
        using var response = await Client.PostAsync($"{V}/jobs/ingest", create);
        var body = await response.Content.ReadAsStringAsync();
        var json = await ReadJson(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(json.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
        {
            "id", "operation", "object", "createdById", "createdDate", "systemModstamp", "state", "externalIdFieldName",
            "concurrencyMode", "contentType", "apiVersion", "contentUrl", "lineEnding", "columnDelimiter",
        }));
        var id = json.GetProperty("id").GetString()!;
        Assert.Multiple(() =>
        {
            Assert.That(id, Has.Length.EqualTo(18).And.StartWith("750"));
            Assert.That(json.GetProperty("object").GetString(), Is.EqualTo("Account"));
            Assert.That(json.GetProperty("externalIdFieldName").GetString(), Is.EqualTo("External_Id__c"));
            Assert.That(json.GetProperty("state").GetString(), Is.EqualTo("Open"));
            Assert.That(json.GetProperty("contentType").GetString(), Is.EqualTo("CSV"));
            Assert.That(json.GetProperty("lineEnding").GetString(), Is.EqualTo("LF"));
            Assert.That(json.GetProperty("columnDelimiter").GetString(), Is.EqualTo("COMMA"));
            Assert.That(body, Does.Contain("\"apiVersion\":60.0"));
            Assert.That(json.GetProperty("contentUrl").GetString(), Is.EqualTo($"services/data/v60.0/jobs/ingest/{id}/batches"));
            Assert.That(json.GetProperty("createdDate").GetString(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$"));
            Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("application/json; charset=UTF-8").Or.EqualTo("application/json;charset=UTF-8"));
            Assert.That(response.Headers.GetValues("Sforce-Limit-Info").Single(), Does.Match(@"^api-usage=\d+/15000$"));
        });
    }

    [TestCase("""{"object":"Nope__c","operation":"insert"}""", "Unable to find object: Nope__c")]
    [TestCase("""{"operation":"insert"}""", "Object is required")]
    [TestCase("""{"object":"Account","operation":"merge"}""", "Invalid value for operation: merge")]
    [TestCase("""{"object":"Account","operation":"upsert"}""", "External ID was blank for Account")]
    [TestCase("""{"object":"Account","operation":"upsert","externalIdFieldName":"Phone"}""", "Phone does not match an External ID")]
    [TestCase("""{"object":"Account","operation":"insert","lineEnding":"CR"}""", "Invalid value for lineEnding: CR")]
    [TestCase("""{"object":"Account","operation":"insert","columnDelimiter":"SPACE"}""", "Invalid value for columnDelimiter: SPACE")]
    [TestCase("""{"object":"Account","operation":"insert","contentType":"JSON"}""", "Invalid value for contentType: JSON")]
    public async Task Create_refuses_bad_jobs_with_a_400_error_array(string body, string message)
    {
        using var create = Json(body);
        using var response = await Client.PostAsync($"{V}/jobs/ingest", create);
        var json = await ReadJson(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(json[0].GetProperty("errorCode").GetString(), Is.EqualTo("INVALIDJOB"));
        Assert.That(json[0].GetProperty("message").GetString(), Does.Contain(message));
    }

    [Test]
    public async Task Upload_answers_201_empty_once_and_refuses_a_second_upload()
    {
        var id = await CreateJobAsync("Account", "insert");

        using var first = await UploadAsync(id, "Name\nA\n");
        using var second = await UploadAsync(id, "Name\nB\n");

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(await first.Content.ReadAsStringAsync(), Is.Empty);
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ReadJson(second))[0].GetProperty("message").GetString(), Does.StartWith($"Found multiple contents for job: <{id}>"));
    }

    [Test]
    public async Task Upload_accepts_chunked_bodies()
    {
        var id = await CreateJobAsync("Account", "insert");
        var content = new StreamContent(new MemoryStream("Name\nChunked\n"u8.ToArray()));
        content.Headers.ContentType = new("text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{V}/jobs/ingest/{id}/batches") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await Client.SendAsync(request);
        await PatchStateAsync(id, "UploadComplete");
        await WaitForEndAsync(id);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(await QueryAsync("SELECT Name FROM Account"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Upload_after_close_is_refused()
    {
        var id = await CreateJobAsync("Account", "insert");
        await UploadAsync(id, "Name\nA\n");
        await PatchStateAsync(id, "UploadComplete");

        using var late = await UploadAsync(id, "Name\nB\n");

        Assert.That(late.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ReadJson(late))[0].GetProperty("errorCode").GetString(), Is.EqualTo("INVALIDJOBSTATE"));
    }

    [Test]
    public async Task Close_returns_the_reduced_body_and_the_job_completes_never_showing_Open_again()
    {
        var id = await CreateJobAsync("Account", "insert");
        await UploadAsync(id, "Name\nA\nB\n");

        using var close = await PatchStateAsync(id, "UploadComplete");
        var closed = await ReadJson(close);
        var afterClose = await GetJson($"{V}/jobs/ingest/{id}");
        await WaitForEndAsync(id);
        var done = await GetJson($"{V}/jobs/ingest/{id}/");

        Assert.Multiple(() =>
        {
            Assert.That(closed.GetProperty("state").GetString(), Is.EqualTo("UploadComplete"));
            Assert.That(closed.TryGetProperty("numberRecordsProcessed", out _), Is.False);
            Assert.That(closed.TryGetProperty("contentUrl", out _), Is.False);
            Assert.That(afterClose.GetProperty("state").GetString(), Is.Not.EqualTo("Open"));
            Assert.That(afterClose.TryGetProperty("contentUrl", out _), Is.False);
            Assert.That(done.GetProperty("state").GetString(), Is.EqualTo("JobComplete"));
            Assert.That(done.GetProperty("jobType").GetString(), Is.EqualTo("V2Ingest"));
            Assert.That(done.GetProperty("numberRecordsProcessed").GetInt64(), Is.EqualTo(2));
            Assert.That(done.GetProperty("numberRecordsFailed").GetInt64(), Is.Zero);
            Assert.That(done.TryGetProperty("errorMessage", out _), Is.False);
        });
    }

    [Test]
    public async Task Close_twice_is_refused()
    {
        var id = await CreateJobAsync("Account", "insert");
        await UploadAsync(id, "Name\nA\n");
        await PatchStateAsync(id, "UploadComplete");

        using var again = await PatchStateAsync(id, "UploadComplete");

        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task An_unknown_state_in_a_patch_is_refused()
    {
        var id = await CreateJobAsync("Account", "insert");

        using var response = await PatchStateAsync(id, "Closed");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Abort_of_an_open_job_ends_it_unprocessed_with_its_rows_unprocessed()
    {
        var id = await CreateJobAsync("Account", "insert");
        await UploadAsync(id, "Name\nA\nB\n");

        using var abort = await PatchStateAsync(id, "Aborted");
        var info = await GetJson($"{V}/jobs/ingest/{id}");
        var unprocessed = await ResultsAsync(id, "unprocessedrecords");

        Assert.That((await ReadJson(abort)).GetProperty("state").GetString(), Is.EqualTo("Aborted"));
        Assert.That(info.GetProperty("numberRecordsProcessed").GetInt64(), Is.Zero);
        Assert.That(unprocessed, Is.EqualTo("Name\n\"A\"\n\"B\"\n"));
        Assert.That(await QueryAsync("SELECT Id FROM Account"), Is.Empty);
    }

    [Test]
    public async Task Abort_of_a_finished_job_is_refused()
    {
        var run = await RunJobAsync("Account", "insert", "Name\nA\n");

        using var abort = await PatchStateAsync(run.Id, "Aborted");

        Assert.That(abort.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Delete_refuses_an_open_job_and_removes_a_finished_one()
    {
        var open = await CreateJobAsync("Account", "insert");
        var run = await RunJobAsync("Account", "insert", "Name\nA\n");

        using var refused = await Client.DeleteAsync($"{V}/jobs/ingest/{open}");
        using var deleted = await Client.DeleteAsync($"{V}/jobs/ingest/{run.Id}");
        using var gone = await Client.GetAsync($"{V}/jobs/ingest/{run.Id}");

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await ReadJson(gone))[0].GetProperty("message").GetString(), Is.EqualTo("The requested resource does not exist"));
    }

    [Test]
    public async Task Results_before_the_end_are_refused()
    {
        var id = await CreateJobAsync("Account", "insert");

        using var response = await Client.GetAsync($"{V}/jobs/ingest/{id}/successfulResults");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task A_job_is_found_by_its_15_character_id()
    {
        var id = await CreateJobAsync("Account", "insert");

        var info = await GetJson($"{V}/jobs/ingest/{id[..15]}");

        Assert.That(info.GetProperty("id").GetString(), Is.EqualTo(id));
    }

    [Test]
    public async Task The_list_holds_every_job()
    {
        var first = await CreateJobAsync("Account", "insert");
        var second = await CreateJobAsync("Contact", "delete");

        var list = await GetJson($"{V}/jobs/ingest");

        Assert.That(list.GetProperty("done").GetBoolean(), Is.True);
        Assert.That(list.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("id").GetString()), Is.EquivalentTo(new[] { first, second }));
    }

    [Test]
    public async Task Results_follow_the_real_format_with_case_insensitive_paths()
    {
        var run = await RunJobAsync("Account", "insert", "Name,\"Phone\"\nAcme,555\n,1\n");

        var success = await ResultsAsync(run.Id, "successfulResults/");
        var failed = await ResultsAsync(run.Id, "FAILEDRESULTS");
        var unprocessed = await ResultsAsync(run.Id, "unprocessedRecords");
        var id = CsvText.Parse(success)[1][0];

        Assert.That(success, Is.EqualTo($"\"sf__Id\",\"sf__Created\",Name,\"Phone\"\n\"{id}\",\"true\",\"Acme\",\"555\"\n"));
        Assert.That(failed, Is.EqualTo("\"sf__Id\",\"sf__Error\",Name,\"Phone\"\n\"\",\"REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --\",\"\",\"1\"\n"));
        Assert.That(unprocessed, Is.EqualTo("Name,\"Phone\"\n"));
    }

    [Test]
    public async Task An_unknown_job_is_404()
    {
        using var response = await Client.GetAsync($"{V}/jobs/ingest/750000000000000AAA");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}

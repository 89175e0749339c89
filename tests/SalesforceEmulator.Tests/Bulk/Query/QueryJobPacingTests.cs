using System.Net;
using Microsoft.Extensions.Time.Testing;
using SalesforceEmulator.Bulk;

namespace SalesforceEmulator.Tests.Bulk.Query;

/// <summary>
/// Query jobs at a processing rate on a fake clock: a job of N rows stays InProgress for N / rate seconds of the
/// emulator's clock, so results before completion, abort and delete of a running job can be driven without sleeping.
/// </summary>
public sealed class QueryJobPacingTests : QueryJobFixture
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));

    protected override EmulatorOptions CreateOptions() => new() { Time = clock, ProcessingRate = 10 };

    /// <summary>A session fresh on the fake clock (a test that moves it by days outlives the fixture's first one).</summary>
    [SetUp]
    public void RenewSession() => RenewToken();

    private void RenewToken() =>
        Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Host.Tokens.IssueAccessToken());

    private async Task<string> StartHeldAsync()
    {
        // The seed job itself runs at the rate: 20 rows take 2 s of the fake clock.
        var seed = await CreateJobAsync("Account", "insert");
        await UploadAsync(seed, "Name\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"A{i}\n")));
        await PatchStateAsync(seed, "UploadComplete");
        var ingest = Host.Jobs.Find(seed)!;
        while (!ingest.Completion.IsCompleted)
        {
            using var limit = new CancellationTokenSource(WaitLimit);
            await ingest.WaitUntilAsync(j => j.WaitingForClock || j.Completion.IsCompleted, limit.Token);
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        var id = await StartQueryAsync("SELECT Id FROM Account");
        using var wait = new CancellationTokenSource(WaitLimit);
        await Job(id).WaitUntilAsync(j => j.WaitingForClock, wait.Token);
        return id;
    }

    [Test]
    public async Task A_job_completes_when_the_clock_has_allowed_its_rows()
    {
        var id = await StartHeldAsync();

        var during = await GetJson($"{V}/jobs/query/{id}");
        var early = await ResultsPageAsync(id);
        clock.Advance(TimeSpan.FromSeconds(2));
        await WaitForQueryAsync(id);
        var after = await GetJson($"{V}/jobs/query/{id}");

        Assert.Multiple(() =>
        {
            Assert.That(during.GetProperty("state").GetString(), Is.EqualTo("InProgress"));
            Assert.That(during.GetProperty("numberRecordsProcessed").GetInt64(), Is.Zero);
            Assert.That(early.Status, Is.EqualTo(HttpStatusCode.BadRequest), "no results before JobComplete");
            Assert.That(early.Body, Does.Contain("INVALIDJOBSTATE"));
            Assert.That(after.GetProperty("state").GetString(), Is.EqualTo("JobComplete"));
            Assert.That(after.GetProperty("numberRecordsProcessed").GetInt64(), Is.EqualTo(20));
            Assert.That(after.GetProperty("totalProcessingTime").GetInt64(), Is.EqualTo(2000));
        });
    }

    [Test]
    public async Task A_running_job_can_be_aborted_and_then_deleted_but_not_deleted_before()
    {
        var id = await StartHeldAsync();
        var job = Job(id);

        using var early = await Client.DeleteAsync($"{V}/jobs/query/{id}");
        var earlyError = await ReadJson(early);
        using var abort = await PatchAsync(id, """{"state":"Aborted"}""");
        var aborted = await ReadJson(abort);
        clock.Advance(TimeSpan.FromSeconds(5));
        var results = await ResultsPageAsync(id);
        using var delete = await Client.DeleteAsync($"{V}/jobs/query/{id}");

        Assert.Multiple(() =>
        {
            Assert.That(early.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(earlyError[0].GetProperty("errorCode").GetString(), Is.EqualTo("API_ERROR"));
            Assert.That(earlyError[0].GetProperty("message").GetString(), Is.EqualTo("Error encountered when deleting the job because the job is not terminated"));
            Assert.That(abort.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(aborted.GetProperty("state").GetString(), Is.EqualTo("Aborted"));
            Assert.That(aborted.EnumerateObject().Select(p => p.Name).Last(), Is.EqualTo("apiVersion"), "the abort answer stops at apiVersion");
            Assert.That(job.State, Is.EqualTo(JobState.Aborted), "the clock moving on does not complete an aborted job");
            Assert.That(results.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        });
    }

    [Test]
    public async Task The_rows_are_those_of_when_processing_started()
    {
        var id = await StartHeldAsync();
        await RunInsertWhileHeldAsync();

        clock.Advance(TimeSpan.FromSeconds(2));
        await WaitForQueryAsync(id);
        var page = await ResultsPageAsync(id);

        Assert.That(page.NumberOfRecords, Is.EqualTo("20"), "a row written after processing started is not in the results");
    }

    [Test]
    public async Task A_job_and_its_locators_are_gone_seven_days_after_its_creation()
    {
        var id = await StartHeldAsync();
        clock.Advance(TimeSpan.FromSeconds(2));
        await WaitForQueryAsync(id);
        var first = await ResultsPageAsync(id, maxRecords: 5);

        clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(2));
        RenewToken();
        var lastDay = await ResultsPageAsync(id, first.Locator, maxRecords: 5);
        clock.Advance(TimeSpan.FromSeconds(1));
        var expired = await ResultsPageAsync(id, first.Locator, maxRecords: 5);
        using var info = await Client.GetAsync($"{V}/jobs/query/{id}");
        var list = await GetJson($"{V}/jobs/query");

        Assert.That(lastDay.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(expired.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(info.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(list.GetProperty("records").GetArrayLength(), Is.Zero);
    }

    private async Task RunInsertWhileHeldAsync()
    {
        using var created = await PostJsonAsync($"{V}/sobjects/Account", """{"Name":"Late"}""");
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    private async Task<HttpResponseMessage> PatchAsync(string jobId, string json)
    {
        using var body = Json(json);
        return await Client.PatchAsync($"{V}/jobs/query/{jobId}", body);
    }
}

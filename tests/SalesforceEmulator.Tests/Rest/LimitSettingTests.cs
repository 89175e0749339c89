using System.Net;
using System.Text.Json.Nodes;
using SalesforceEmulator.Org;
using SalesforceEmulator.Rest;
using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Rest;

/// <summary>Limits set at run time and in the org file, the header that follows them, and the refusals once one is spent.</summary>
public sealed class LimitSettingTests : EmulatorFixture
{
    [SetUp]
    public void RestoreLimits() => Host.Limits.Apply(new Dictionary<string, LimitSetting>
    {
        [LimitLedger.DailyApiRequests] = new() { Max = 15000, Remaining = 15000 },
        [LimitLedger.DailyBulkApiBatches] = new() { Max = 15000, Remaining = 15000 },
    }, "test");

    private async Task<HttpResponseMessage> SetAsync(string json)
    {
        using var body = Json(json);
        return await Client.PostAsync("/__emulator/limits", body);
    }

    private static (long Max, long Remaining) Figures(System.Text.Json.JsonElement limits, string name) =>
        (limits.GetProperty(name).GetProperty("Max").GetInt64(), limits.GetProperty(name).GetProperty("Remaining").GetInt64());

    [Test]
    public async Task Limits_set_at_run_time_show_in_limits_and_the_header_and_requests_count_down()
    {
        using (var set = await SetAsync("""{"DailyApiRequests": {"Max": 1000, "Remaining": 50}, "dailybulkv2queryjobs": {"Max": 20}}"""))
            Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK), await set.Content.ReadAsStringAsync());

        using var response = await Client.GetAsync($"{V}/limits");
        var limits = await ReadJson(response);

        Assert.That(response.Headers.GetValues("Sforce-Limit-Info").Single(), Is.EqualTo("api-usage=951/1000"), "950 spent before, this request the 951st");
        Assert.That(Figures(limits, "DailyApiRequests"), Is.EqualTo((1000L, 49L)));
        Assert.That(Figures(limits, "DailyBulkV2QueryJobs"), Is.EqualTo((20L, 20L)));
    }

    [Test]
    public async Task When_no_request_remains_REST_and_Bulk_answer_REQUEST_LIMIT_EXCEEDED()
    {
        using (await SetAsync("""{"DailyApiRequests": {"Max": 100, "Remaining": 1}}""")) { }

        using var last = await Client.GetAsync($"{V}/sobjects");
        using var refused = await Client.GetAsync($"{V}/sobjects");
        using var bulk = await Client.GetAsync($"{V}/jobs/ingest");
        var body = await ReadJson(refused);

        Assert.That(last.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(last.Headers.GetValues("Sforce-Limit-Info").Single(), Is.EqualTo("api-usage=100/100"));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(body[0].GetProperty("errorCode").GetString(), Is.EqualTo("REQUEST_LIMIT_EXCEEDED"));
        Assert.That(body[0].GetProperty("message").GetString(), Is.EqualTo("TotalRequests Limit exceeded."));
        Assert.That(refused.Headers.GetValues("Sforce-Limit-Info").Single(), Is.EqualTo("api-usage=100/100"), "a refused request is not counted");
        Assert.That(bulk.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await GetJson("/__emulator/limits")).GetProperty("DailyApiRequests").GetProperty("Remaining").GetInt64(), Is.Zero);
    }

    [Test]
    public async Task A_job_spends_a_batch_per_10000_records_and_none_left_refuses_a_new_job()
    {
        using (await SetAsync("""{"DailyBulkApiBatches": {"Remaining": 1}}""")) { }

        await RunJobAsync("Account", "insert", "Name\nA\n");
        using var create = Json("""{"object":"Account","operation":"insert"}""");
        using var refused = await Client.PostAsync($"{V}/jobs/ingest", create);
        var body = await ReadJson(refused);

        Assert.That(Host.Limits.Remaining(LimitLedger.DailyBulkApiBatches), Is.Zero);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body[0].GetProperty("errorCode").GetString(), Is.EqualTo("EXCEEDEDQUOTA"));
    }

    [TestCase("""{"Bogus": {"Max": 1}}""", "Bogus")]
    [TestCase("""{"DailyApiRequests": {"Max": 10, "Remaining": 11}}""", "DailyApiRequests.Remaining")]
    [TestCase("""{"DailyApiRequests": {"Max": -1}}""", "DailyApiRequests.Max")]
    [TestCase("""{"DailyApiRequests": {"Maxx": 1}}""", "Maxx")]
    [TestCase("""{"DailyApiRequests": {}}""", "DailyApiRequests")]
    public async Task A_bad_setting_is_400_naming_it_and_changes_nothing(string json, string named)
    {
        using var response = await SetAsync(json);
        var body = await ReadJson(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("error").GetString(), Does.Contain(named));
        Assert.That(Host.Limits.Max(LimitLedger.DailyApiRequests), Is.EqualTo(15000));
    }

    /// <summary>The built-in org's objects with a limits section, in a temporary file.</summary>
    private static async Task<string> WriteOrgAsync(string limits)
    {
        using var reader = new StreamReader(typeof(OrgStore).Assembly.GetManifestResourceStream(OrgStore.DefaultOrgResource)!);
        var org = JsonNode.Parse(await reader.ReadToEndAsync())!;
        org.AsObject().Remove("credentials"); // its certificate path is relative to examples/
        org["limits"] = JsonNode.Parse(limits);
        var path = Path.Combine(Path.GetTempPath(), $"limits-org-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, org.ToJsonString());
        return path;
    }

    [Test]
    public async Task The_org_file_sets_maxima_and_what_remains_at_start()
    {
        var path = await WriteOrgAsync("""{"DailyApiRequests": {"Max": 5000, "Remaining": 10}, "DailyBulkApiBatches": {"Max": 100}}""");
        try
        {
            await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { OrgFile = path });
            using var client = new HttpClient { BaseAddress = host.BaseUrl };
            client.DefaultRequestHeaders.Authorization = new("Bearer", host.Tokens.IssueAccessToken());
            using var response = await client.GetAsync($"{V}/limits");
            var limits = await ReadJson(response);

            Assert.That(response.Headers.GetValues("Sforce-Limit-Info").Single(), Is.EqualTo("api-usage=4991/5000"));
            Assert.That(Figures(limits, "DailyApiRequests"), Is.EqualTo((5000L, 9L)));
            Assert.That(Figures(limits, "DailyBulkApiBatches"), Is.EqualTo((100L, 100L)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task A_bad_limit_in_the_org_file_stops_the_start_naming_it()
    {
        var path = await WriteOrgAsync("""{"DailyApiRequest": {"Max": 5}}""");
        try
        {
            var error = Assert.ThrowsAsync<InvalidDataException>(async () => await EmulatorHost.StartAsync(new EmulatorOptions { OrgFile = path }));
            Assert.That(error!.Message, Does.Contain("limits").And.Contain("DailyApiRequest"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

using System.Net;
using System.Text.Json;
using SalesforceEmulator.Tests.Hosting;

namespace SalesforceEmulator.Tests.Admin;

public sealed class AdminRouteTests
{
    private HostFixture emulator = null!;

    [SetUp]
    public async Task StartAsync() => emulator = await HostFixture.StartAsync();

    [TearDown]
    public async Task StopAsync() => await emulator.DisposeAsync();

    [Test]
    public async Task StatsCountRequestsByRoutePattern()
    {
        using (await emulator.RefreshAsync())
        using (await emulator.RefreshAsync())
        using (await emulator.Http.GetAsync("/services/oauth2/userinfo"))
        using (await emulator.Http.GetAsync("/nowhere"))
        {
        }

        using var stats = await Stats();
        var requests = stats.RootElement.GetProperty("requests");

        Assert.That(requests.GetProperty("total").GetInt64(), Is.EqualTo(4), "admin requests are not counted");
        Assert.That(ByRoute(stats), Is.EqualTo(new Dictionary<string, long>
        {
            ["GET (no route)"] = 1,
            ["GET /services/oauth2/userinfo"] = 1,
            ["POST /services/oauth2/token"] = 2,
        }));
    }

    [Test]
    public async Task StatsReportTheProcessMemoryAndCollectionsAfterAFullCollectionOnRequest()
    {
        var before = GC.CollectionCount(2);
        using var response = await emulator.Http.GetAsync("/__emulator/stats?gc=true");
        using var stats = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var process = stats.RootElement.GetProperty("process");

        Assert.That(process.GetProperty("peakWorkingSetBytes").GetInt64(), Is.GreaterThanOrEqualTo(process.GetProperty("workingSetBytes").GetInt64()));
        Assert.That(process.GetProperty("managedHeapBytes").GetInt64(), Is.Positive);
        Assert.That(process.GetProperty("gcCollections")[2].GetInt32(), Is.GreaterThan(before), "?gc=true collected");
    }

    [Test]
    public async Task StatsUseThePatternNotTheConcretePath()
    {
        using (await emulator.SendAuthorizedAsync(HttpMethod.Get, "/id/00D000000000001EAA/005000000000001AAA"))
        using (await emulator.SendAuthorizedAsync(HttpMethod.Get, "/id/00D000000000001EAA/005000000000002AAA"))
        {
        }

        using var stats = await Stats();

        Assert.That(ByRoute(stats), Is.EqualTo(new Dictionary<string, long> { ["GET /id/{orgId}/{userId}"] = 2 }));
    }

    [Test]
    public async Task StatsCarryJobsAndRowsSections()
    {
        using var stats = await Stats();

        Assert.That(stats.RootElement.GetProperty("jobs").ValueKind, Is.EqualTo(JsonValueKind.Object));
        Assert.That(stats.RootElement.GetProperty("rows").ValueKind, Is.EqualTo(JsonValueKind.Object));
    }

    [Test]
    public async Task ResetClearsStatsAndFaults()
    {
        await emulator.PostFaultsAsync("""[{"kind": "httpError", "status": 500}]""");
        using (await emulator.RefreshAsync())
        {
        }

        using var reset = await emulator.Http.PostAsync("/__emulator/reset", null);
        using var afterReset = await emulator.RefreshAsync();
        using var stats = await Stats();

        Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(afterReset.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the fault is gone");
        Assert.That(stats.RootElement.GetProperty("requests").GetProperty("total").GetInt64(), Is.EqualTo(1), "only the request after the reset");
    }

    [Test]
    public async Task FaultsCanBeReplacedAppendedListedAndDeleted()
    {
        using var first = await emulator.PostFaultsAsync("""[{"kind": "latency", "milliseconds": 0}]""");
        using var appended = await emulator.PostFaultsAsync("""[{"kind": "htmlBody", "route": "/nowhere"}]""", append: true);
        using (await emulator.RefreshAsync())
        {
        }

        using var listed = JsonDocument.Parse(await emulator.Http.GetStringAsync("/__emulator/faults"));
        using var replaced = await emulator.PostFaultsAsync("""[{"kind": "emptyBody", "route": "/nowhere"}]""");
        using var afterReplace = JsonDocument.Parse(await emulator.Http.GetStringAsync("/__emulator/faults"));
        using var deleted = await emulator.Http.DeleteAsync("/__emulator/faults");
        using var afterDelete = JsonDocument.Parse(await emulator.Http.GetStringAsync("/__emulator/faults"));

        var faults = listed.RootElement.GetProperty("faults");
        Assert.That(faults.GetArrayLength(), Is.EqualTo(2));
        Assert.That(faults[0].GetProperty("rule").GetProperty("kind").GetString(), Is.EqualTo("latency"));
        Assert.That(faults[0].GetProperty("matches").GetInt64(), Is.EqualTo(1));
        Assert.That(faults[1].GetProperty("matches").GetInt64(), Is.EqualTo(0));
        Assert.That(afterReplace.RootElement.GetProperty("faults").GetArrayLength(), Is.EqualTo(1));
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(afterDelete.RootElement.GetProperty("faults").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task BadFaultPlanIs400NamingThePlace()
    {
        await emulator.PostFaultsAsync("""[{"kind": "httpError", "status": 503}]""");

        using var response = await emulator.PostFaultsAsync("""[{"kind": "httpError", "status": 503, "shares": 0.5}]""");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        using var stillInForce = JsonDocument.Parse(await emulator.Http.GetStringAsync("/__emulator/faults"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.RootElement.GetProperty("error").GetString(), Does.StartWith("request body: faults[0].shares: not a setting of httpError"));
        Assert.That(stillInForce.RootElement.GetProperty("faults").GetArrayLength(), Is.EqualTo(1), "a bad plan leaves the old one");
    }

    private async Task<JsonDocument> Stats() => JsonDocument.Parse(await emulator.Http.GetStringAsync("/__emulator/stats"));

    private static Dictionary<string, long> ByRoute(JsonDocument stats) =>
        stats.RootElement.GetProperty("requests").GetProperty("byRoute").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
}

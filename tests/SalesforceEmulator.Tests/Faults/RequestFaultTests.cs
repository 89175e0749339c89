using System.Net;
using System.Text.Json;
using SalesforceEmulator.Tests.Hosting;

namespace SalesforceEmulator.Tests.Faults;

/// <summary>Faults that replace or delay an HTTP answer, installed through POST /__emulator/faults.</summary>
public sealed class RequestFaultTests
{
    private HostFixture emulator = null!;

    [SetUp]
    public async Task StartAsync() => emulator = await HostFixture.StartAsync();

    [TearDown]
    public async Task StopAsync() => await emulator.DisposeAsync();

    [Test]
    public async Task NthRequestOfARouteFailsAndOnlyThatOne()
    {
        await Install("""[{"kind": "httpError", "status": 503, "route": "POST /services/oauth2/token", "nth": 2}]""");

        var statuses = await RefreshStatuses(4);
        using var other = await emulator.SendAuthorizedAsync(HttpMethod.Get, "/services/oauth2/userinfo");

        Assert.That(statuses, Is.EqualTo(new[] { 200, 503, 200, 200 }));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK), "other routes are untouched");
    }

    [Test]
    public async Task Http503HasTheServerUnavailableBody()
    {
        await Install("""[{"kind": "httpError", "status": 503}]""");

        using var response = await emulator.RefreshAsync();

        Assert.That(await response.Content.ReadAsStringAsync(),
            Is.EqualTo("[{\"message\":\"Server is temporarily unavailable. Please try again later.\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]"));
    }

    [Test]
    public async Task Http500IsAnUnknownException()
    {
        await Install("""[{"kind": "httpError", "status": 500}]""");

        using var response = await emulator.RefreshAsync();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(body.RootElement[0].GetProperty("errorCode").GetString(), Is.EqualTo("UNKNOWN_EXCEPTION"));
    }

    [Test]
    public async Task Http502IsAnEdgeHtmlPage()
    {
        await Install("""[{"kind": "httpError", "status": 502}]""");

        using var response = await emulator.RefreshAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("502 Bad Gateway"));
    }

    [Test]
    public async Task TimesEndsABurst()
    {
        await Install("""[{"kind": "httpError", "status": 500, "times": 3}]""");

        Assert.That(await RefreshStatuses(5), Is.EqualTo(new[] { 500, 500, 500, 200, 200 }));
    }

    [Test]
    public async Task NthWithTimesIsABurstFromTheNth()
    {
        await Install("""[{"kind": "httpError", "status": 503, "nth": 2, "times": 2}]""");

        Assert.That(await RefreshStatuses(5), Is.EqualTo(new[] { 200, 503, 503, 200, 200 }));
    }

    [Test]
    public async Task ShareIsDeterministicUnderTheSeed()
    {
        const string plan = """[{"kind": "httpError", "status": 500, "share": 0.5}]""";
        await Install(plan);
        var first = await RefreshStatuses(40);

        await using var sameSeed = await HostFixture.StartAsync();
        await sameSeed.PostFaultsAsync(plan);
        var second = await Statuses(sameSeed, 40);

        await using var otherSeed = await HostFixture.StartAsync(o => o.Seed = 99);
        await otherSeed.PostFaultsAsync(plan);
        var third = await Statuses(otherSeed, 40);

        Assert.That(first.Count(s => s == 500), Is.InRange(10, 30));
        Assert.That(second, Is.EqualTo(first));
        Assert.That(third, Is.Not.EqualTo(first));
    }

    [TestCase("concurrent", "ConcurrentRequests (Concurrent API Requests) Limit exceeded.")]
    [TestCase("daily", "TotalRequests Limit exceeded.")]
    public async Task RequestLimitIs403WithTheRealMessage(string limit, string message)
    {
        await Install($$"""[{"kind": "requestLimit", "limit": "{{limit}}"}]""");

        using var response = await emulator.SendAuthorizedAsync(HttpMethod.Get, "/services/oauth2/userinfo");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await response.Content.ReadAsStringAsync(),
            Is.EqualTo($"[{{\"message\":\"{message}\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}}]"));
    }

    [Test]
    public async Task FaultsComeBeforeAuthentication()
    {
        await Install("""[{"kind": "requestLimit"}]""");

        using var response = await emulator.Http.GetAsync("/services/oauth2/userinfo");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "no token, but the limit answers first");
    }

    [Test]
    public async Task HtmlBodyIsA200Page()
    {
        await Install("""[{"kind": "htmlBody"}]""");

        using var response = await emulator.RefreshAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.StartWith("<!DOCTYPE html>"));
    }

    [Test]
    public async Task EmptyBodyIsA200WithNothing()
    {
        await Install("""[{"kind": "emptyBody"}]""");

        using var response = await emulator.RefreshAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.Empty);
    }

    [Test]
    public async Task LatencyHoldsTheRequestUntilTheClockMoves()
    {
        await Install("""[{"kind": "latency", "milliseconds": 5000}]""");

        var pending = emulator.RefreshAsync();
        var due = await emulator.Time.FirstTimerCreated.WaitAsync(TimeSpan.FromSeconds(10));
        var heldWhileWaiting = !pending.IsCompleted;
        emulator.Time.Advance(TimeSpan.FromSeconds(5));
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(due, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(heldWhileWaiting, Is.True);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task DroppedAfterTheRouteRanLeavesItsEffect()
    {
        await Install("""[{"kind": "dropConnection", "route": "/services/oauth2/token"}]""");
        var sessionsBefore = emulator.Host.Tokens.SessionCount;

        Assert.ThrowsAsync(Is.InstanceOf<HttpRequestException>().Or.InstanceOf<IOException>(),
            async () => await (await emulator.RefreshAsync()).Content.ReadAsStringAsync());

        Assert.That(emulator.Host.Tokens.SessionCount, Is.EqualTo(sessionsBefore + 1), "the token was issued, its answer lost");
    }

    [Test]
    public async Task DroppedBeforeTheRouteHasNoEffect()
    {
        await Install("""[{"kind": "dropConnection", "stage": "beforeRoute"}]""");
        var sessionsBefore = emulator.Host.Tokens.SessionCount;

        Assert.ThrowsAsync(Is.InstanceOf<HttpRequestException>().Or.InstanceOf<IOException>(),
            async () => await (await emulator.RefreshAsync()).Content.ReadAsStringAsync());

        Assert.That(emulator.Host.Tokens.SessionCount, Is.EqualTo(sessionsBefore));
    }

    [Test]
    public async Task DropConnectionThenRecovers()
    {
        await Install("""[{"kind": "dropConnection", "times": 1}]""");

        Assert.ThrowsAsync(Is.InstanceOf<HttpRequestException>().Or.InstanceOf<IOException>(),
            async () => await (await emulator.RefreshAsync()).Content.ReadAsStringAsync());
        using var next = await emulator.RefreshAsync();

        Assert.That(next.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task AdminRoutesAreNeverFaulted()
    {
        await Install("""[{"kind": "httpError", "status": 500}]""");

        using var stats = await emulator.Http.GetAsync("/__emulator/stats");

        Assert.That(stats.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private async Task Install(string plan)
    {
        using var response = await emulator.PostFaultsAsync(plan);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    private Task<List<int>> RefreshStatuses(int count) => Statuses(emulator, count);

    private static async Task<List<int>> Statuses(HostFixture target, int count)
    {
        var statuses = new List<int>();
        for (var i = 0; i < count; i++)
        {
            using var response = await target.RefreshAsync();
            statuses.Add((int)response.StatusCode);
        }

        return statuses;
    }
}

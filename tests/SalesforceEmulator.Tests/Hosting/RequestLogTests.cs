namespace SalesforceEmulator.Tests.Hosting;

public sealed class RequestLogTests
{
    [Test]
    public async Task EachRequestIsOneLineWithThePathAsSentAndTheStatus()
    {
        var log = new StringWriter();
        await using var emulator = await HostFixture.StartAsync(o => o.RequestLog = log);

        using (var request = emulator.Authorized(HttpMethod.Get, emulator.BaseUrl + "//services/data/v60.0/query?q=SELECT+Id+FROM+Account"))
            (await emulator.Http.SendAsync(request)).Dispose();
        (await emulator.RefreshAsync()).Dispose();

        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[0], Does.Contain("GET //services/data/v60.0/query?q=SELECT+Id+FROM+Account -> 200"));
        Assert.That(lines[1], Does.Contain("POST /services/oauth2/token -> 200"));
        // Form bodies carry the client secret and refresh token: never logged.
        Assert.That(log.ToString(), Does.Not.Contain("emulator-secret").And.Not.Contain("emulator-refresh-token"));
    }

    [Test]
    public async Task TokensInTheQueryStringAreNotLogged()
    {
        var log = new StringWriter();
        await using var emulator = await HostFixture.StartAsync(o => o.RequestLog = log);
        var token = emulator.Host.Tokens.IssueAccessToken();

        (await emulator.Http.GetAsync($"/id/00D000000000001EAA/005000000000001AAA?format=json&oauth_token={Uri.EscapeDataString(token)}")).Dispose();
        (await emulator.Http.GetAsync("/services/oauth2/revoke?token=emulator-refresh-token")).Dispose();

        Assert.That(log.ToString(), Does.Contain("?format=json&oauth_token=[redacted] -> 200"));
        Assert.That(log.ToString(), Does.Contain("/services/oauth2/revoke?token=[redacted] -> 200"));
        Assert.That(log.ToString(), Does.Not.Contain(token[20..]).And.Not.Contain("emulator-refresh-token"));
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SalesforceEmulator.Tests.Hosting;

namespace SalesforceEmulator.Tests.Auth;

public sealed class SessionGateTests
{
    private const string InvalidSession = "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]";

    private HostFixture emulator = null!;

    [SetUp]
    public async Task StartAsync() => emulator = await HostFixture.StartAsync(o => o.TokenLifetime = TimeSpan.FromMinutes(30));

    [TearDown]
    public async Task StopAsync() => await emulator.DisposeAsync();

    [TestCase("/services/data/v60.0/jobs/ingest")]
    [TestCase("/services/data/v60.0/limits")]
    [TestCase("/services/data/v65.0/sobjects/Account/describe")]
    [TestCase("/services/oauth2/userinfo")]
    public async Task MissingTokenGets401WithTheRealBody(string path)
    {
        using var response = await emulator.Http.GetAsync(path);

        await AssertInvalidSession(response);
    }

    [Test]
    public async Task UnknownTokenGets401()
    {
        using var response = await emulator.SendAuthorizedAsync(HttpMethod.Get, "/services/oauth2/userinfo", "00D000000000001!AQnope");

        await AssertInvalidSession(response);
    }

    [Test]
    public async Task VersionListNeedsNoSession()
    {
        using var withSlash = await emulator.Http.GetAsync("/services/data/");
        using var withoutSlash = await emulator.Http.GetAsync("/services/data");

        Assert.That(withSlash.StatusCode, Is.Not.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(withoutSlash.StatusCode, Is.Not.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task TokenLivesUntilItsLifetimeOnTheEmulatorClock()
    {
        var token = emulator.Host.Tokens.IssueAccessToken();

        emulator.Time.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        using var justBefore = await emulator.SendAuthorizedAsync(HttpMethod.Get, "/services/oauth2/userinfo", token);
        emulator.Time.Advance(TimeSpan.FromSeconds(1));
        using var atExpiry = await emulator.SendAuthorizedAsync(HttpMethod.Get, "/services/oauth2/userinfo", token);

        Assert.That(justBefore.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertInvalidSession(atExpiry);
    }

    [Test]
    public async Task ExpireHookEndsEverySession()
    {
        var first = emulator.Host.Tokens.IssueAccessToken();
        var second = emulator.Host.Tokens.IssueAccessToken();

        using var expire = await emulator.Http.PostAsync("/__emulator/sessions/expire", null);
        using var afterFirst = await emulator.SendAuthorizedAsync(HttpMethod.Get, "/services/oauth2/userinfo", first);
        using var afterSecond = await emulator.SendAuthorizedAsync(HttpMethod.Get, "/services/oauth2/userinfo", second);

        Assert.That(await expire.Content.ReadAsStringAsync(), Is.EqualTo("{\"expired\":2}"));
        await AssertInvalidSession(afterFirst);
        await AssertInvalidSession(afterSecond);
    }

    [Test]
    public async Task RefreshAfterExpiryGivesAWorkingToken()
    {
        using var _ = await emulator.Http.PostAsync("/__emulator/sessions/expire", null);

        using var refresh = await emulator.RefreshAsync();
        using var body = JsonDocument.Parse(await refresh.Content.ReadAsStringAsync());
        var token = body.RootElement.GetProperty("access_token").GetString();
        using var response = await emulator.SendAuthorizedAsync(HttpMethod.Get, "/services/oauth2/userinfo", token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task OAuthSchemeIsAcceptedLikeBearer()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/services/oauth2/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("OAuth", emulator.Host.Tokens.IssueAccessToken());

        using var response = await emulator.Http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task DoubledSlashesReachTheRoute()
    {
        using var response = await emulator.SendAuthorizedAsync(HttpMethod.Get, $"{emulator.BaseUrl}//services//oauth2/userinfo");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task UserInfoNamesUserAndOrg()
    {
        using var response = await emulator.SendAuthorizedAsync(HttpMethod.Get, "/services/oauth2/userinfo");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;

        Assert.That(root.GetProperty("user_id").GetString(), Is.EqualTo("005000000000001AAA"));
        Assert.That(root.GetProperty("organization_id").GetString(), Is.EqualTo("00D000000000001EAA"));
        Assert.That(root.GetProperty("preferred_username").GetString(), Is.EqualTo("admin@emulator.local"));
        Assert.That(root.GetProperty("sub").GetString(), Is.EqualTo($"{emulator.BaseUrl}/id/00D000000000001EAA/005000000000001AAA"));
    }

    [Test]
    public async Task IdentityUrlFromTheTokenResponseAnswers()
    {
        using var response = await emulator.SendAuthorizedAsync(HttpMethod.Get, "/id/00D000000000001EAA/005000000000001AAA");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static async Task AssertInvalidSession(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("application/json; charset=UTF-8").Or.EqualTo("application/json;charset=UTF-8"));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(InvalidSession));
    }
}

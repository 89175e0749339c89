using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SalesforceEmulator.Tests.Hosting;

namespace SalesforceEmulator.Tests.Auth;

/// <summary>POST /services/oauth2/revoke (jsforce's logout()) and /services/oauth2/introspect.</summary>
public sealed class TokenRevocationTests
{
    private HostFixture emulator = null!;

    [SetUp]
    public async Task StartAsync() => emulator = await HostFixture.StartAsync();

    [TearDown]
    public async Task StopAsync() => await emulator.DisposeAsync();

    private async Task<string> RefreshedTokenAsync()
    {
        using var response = await emulator.RefreshAsync();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    private async Task<HttpStatusCode> LimitsStatusAsync(string token)
    {
        using var request = emulator.Authorized(HttpMethod.Get, "/services/data/v60.0/limits", token);
        using var response = await emulator.Http.SendAsync(request);
        return response.StatusCode;
    }

    [Test]
    public async Task Revoking_an_access_token_ends_its_session()
    {
        var token = await RefreshedTokenAsync();

        using var revoke = await emulator.PostFormAsync("/services/oauth2/revoke", ("token", token));

        Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await revoke.Content.ReadAsStringAsync(), Is.Empty);
        Assert.That(await LimitsStatusAsync(token), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Revoking_a_refresh_token_ends_it_and_the_sessions_it_gave()
    {
        var token = await RefreshedTokenAsync();

        using var revoke = await emulator.Http.GetAsync("/services/oauth2/revoke?token=emulator-refresh-token");
        using var refreshAgain = await emulator.RefreshAsync();

        Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await LimitsStatusAsync(token), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(refreshAgain.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await refreshAgain.Content.ReadAsStringAsync(), Does.Contain("invalid_grant"));
    }

    [Test]
    public async Task An_unknown_or_spent_token_is_invalid_token()
    {
        var token = await RefreshedTokenAsync();
        using (await emulator.PostFormAsync("/services/oauth2/revoke", ("token", token)))
        {
        }

        using var again = await emulator.PostFormAsync("/services/oauth2/revoke", ("token", token));
        using var unknown = await emulator.PostFormAsync("/services/oauth2/revoke", ("token", "00D000000000001!nothing"));

        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await again.Content.ReadAsStringAsync(), Does.Contain("\"error\":\"invalid_token\""));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Introspection_tells_a_live_access_token_and_its_user()
    {
        var token = await RefreshedTokenAsync();

        using var response = await emulator.PostFormAsync("/services/oauth2/introspect",
            ("token", token), ("token_type_hint", "access_token"), ("client_id", "emulator-client"), ("client_secret", "emulator-secret"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var answer = json.RootElement;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(answer.GetProperty("active").GetBoolean(), Is.True);
        Assert.That(answer.GetProperty("client_id").GetString(), Is.EqualTo("emulator-client"));
        Assert.That(answer.GetProperty("username").GetString(), Is.EqualTo("admin@emulator.local"));
        Assert.That(answer.GetProperty("token_type").GetString(), Is.EqualTo("access_token"));
        Assert.That(answer.GetProperty("sub").GetString(), Does.EndWith("/id/00D000000000001EAA/005000000000001AAA"));
        Assert.That(answer.GetProperty("exp").GetInt64() - answer.GetProperty("iat").GetInt64(), Is.EqualTo(7200));
    }

    [Test]
    public async Task Introspection_accepts_basic_client_authentication_and_refresh_tokens()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/services/oauth2/introspect")
        {
            Content = new FormUrlEncodedContent([new("token", "emulator-refresh-token")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("emulator-client:emulator-secret")));
        using var response = await emulator.Http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(json.RootElement.GetProperty("active").GetBoolean(), Is.True);
        Assert.That(json.RootElement.GetProperty("token_type").GetString(), Is.EqualTo("refresh_token"));
    }

    [Test]
    public async Task Introspection_of_a_dead_token_is_inactive_and_a_bad_client_is_refused()
    {
        var token = await RefreshedTokenAsync();
        emulator.Host.Tokens.Expire(token);

        using var dead = await emulator.PostFormAsync("/services/oauth2/introspect",
            ("token", token), ("client_id", "emulator-client"), ("client_secret", "emulator-secret"));
        using var badClient = await emulator.PostFormAsync("/services/oauth2/introspect",
            ("token", token), ("client_id", "emulator-client"), ("client_secret", "wrong"));

        Assert.That(await dead.Content.ReadAsStringAsync(), Is.EqualTo("{\"active\":false}"));
        Assert.That(badClient.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}

using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using SalesforceEmulator.Tests.Hosting;

namespace SalesforceEmulator.Tests.Auth;

/// <summary>/services/oauth2/authorize and the authorization_code grant, with PKCE.</summary>
public sealed class WebServerFlowTests
{
    private const string Redirect = "http://localhost:1717/OAuth/Callback";
    private const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    private HostFixture emulator = null!;
    private HttpClient browser = null!;

    [SetUp]
    public async Task StartAsync()
    {
        emulator = await HostFixture.StartAsync();
        browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = emulator.Host.BaseUrl };
    }

    [TearDown]
    public async Task StopAsync()
    {
        browser.Dispose();
        await emulator.DisposeAsync();
    }

    private static string Challenge(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private Task<HttpResponseMessage> AuthorizeAsync(string query) => browser.GetAsync("/services/oauth2/authorize?" + query);

    private static string Query(string clientId = "emulator-client", string redirect = Redirect, string? challenge = null, string? method = "S256", string responseType = "code")
    {
        var fields = new List<string> { $"response_type={responseType}", $"client_id={clientId}", $"redirect_uri={Uri.EscapeDataString(redirect)}", "state=st%20ate" };
        fields.Add($"code_challenge={challenge ?? Challenge(Verifier)}");
        if (method is not null)
        {
            fields.Add($"code_challenge_method={method}");
        }

        return string.Join('&', fields);
    }

    private static Dictionary<string, string> RedirectFields(HttpResponseMessage response)
    {
        var location = response.Headers.Location!.ToString();
        return QueryHelpers.ParseQuery(new Uri(location).Query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    private async Task<string> CodeAsync()
    {
        using var response = await AuthorizeAsync(Query());
        return RedirectFields(response)["code"];
    }

    private Task<HttpResponseMessage> ExchangeAsync(string code, string? verifier = Verifier, string redirect = Redirect)
    {
        var fields = new List<(string, string)>
        {
            ("grant_type", "authorization_code"), ("code", code), ("client_id", "emulator-client"),
            ("client_secret", "emulator-secret"), ("redirect_uri", redirect),
        };
        if (verifier is not null)
        {
            fields.Add(("code_verifier", verifier));
        }

        return emulator.PostFormAsync("/services/oauth2/token", [.. fields]);
    }

    private static async Task<string> ErrorDescription(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.RootElement.GetProperty("error").GetString(), Is.EqualTo("invalid_grant"));
        return body.RootElement.GetProperty("error_description").GetString()!;
    }

    [Test]
    public async Task Authorize_redirects_at_once_to_the_loopback_uri_with_a_code_and_the_state()
    {
        using var response = await AuthorizeAsync(Query());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Found));
        Assert.That(response.Headers.Location!.ToString(), Does.StartWith(Redirect + "?code="));
        var fields = RedirectFields(response);
        Assert.That(fields["state"], Is.EqualTo("st ate"));
        Assert.That(fields["code"], Does.Match("^aPrx[A-Za-z0-9]{80}$"));
    }

    [Test]
    public async Task The_code_and_its_verifier_buy_a_session_and_a_refresh_token_that_works()
    {
        using var response = await ExchangeAsync(await CodeAsync());
        var json = await response.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(json);
        var root = body.RootElement;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json);
        Assert.That(root.EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "access_token", "refresh_token", "signature", "scope", "instance_url", "id", "token_type", "issued_at" }));
        using var refreshed = await emulator.RefreshAsync(root.GetProperty("refresh_token").GetString()!);
        Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the new refresh token is granted for the refresh flow");
    }

    [Test]
    public async Task A_wrong_or_missing_verifier_is_refused()
    {
        using var wrong = await ExchangeAsync(await CodeAsync(), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        using var missing = await ExchangeAsync(await CodeAsync(), verifier: null);

        Assert.That(await ErrorDescription(wrong), Is.EqualTo("invalid code verifier"));
        Assert.That(await ErrorDescription(missing), Is.EqualTo("invalid code verifier"));
    }

    [Test]
    public async Task A_code_is_used_once()
    {
        var code = await CodeAsync();
        using var first = await ExchangeAsync(code);

        using var second = await ExchangeAsync(code);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await ErrorDescription(second), Is.EqualTo("invalid authorization code"));
    }

    [Test]
    public async Task A_code_expires_fifteen_minutes_after_issue()
    {
        var code = await CodeAsync();
        emulator.Time.Advance(TimeSpan.FromMinutes(15));

        using var response = await ExchangeAsync(code);

        Assert.That(await ErrorDescription(response), Is.EqualTo("expired authorization code"));
    }

    [Test]
    public async Task The_redirect_uri_must_be_the_one_the_code_was_issued_for()
    {
        using var response = await ExchangeAsync(await CodeAsync(), redirect: "http://localhost:9999/OAuth/Callback");

        Assert.That(await ErrorDescription(response), Is.EqualTo("redirect_uri must match configuration"));
    }

    [Test]
    public async Task An_unknown_app_or_a_redirect_off_this_machine_gets_a_page_and_no_redirect()
    {
        using var unknown = await AuthorizeAsync(Query(clientId: "no-such-app"));
        using var remote = await AuthorizeAsync(Query(redirect: "https://evil.example/callback"));

        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await unknown.Content.ReadAsStringAsync(), Does.Contain("invalid_client_id"));
        Assert.That(remote.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(remote.Headers.Location, Is.Null);
        Assert.That(await remote.Content.ReadAsStringAsync(), Does.Contain("redirect_uri_mismatch"));
    }

    [TestCase("plain", null)]
    [TestCase("S256", "too-short")]
    public async Task A_challenge_that_is_not_an_s256_hash_is_sent_back_as_invalid_request(string method, string? challenge)
    {
        using var response = await AuthorizeAsync(Query(challenge: challenge ?? Verifier, method: method));

        var fields = RedirectFields(response);
        Assert.That(fields["error"], Is.EqualTo("invalid_request"));
        Assert.That(fields.ContainsKey("code"), Is.False);
    }

    [Test]
    public async Task Another_response_type_is_sent_back_as_unsupported()
    {
        using var response = await AuthorizeAsync(Query(responseType: "token"));

        Assert.That(RedirectFields(response)["error"], Is.EqualTo("unsupported_response_type"));
    }
}

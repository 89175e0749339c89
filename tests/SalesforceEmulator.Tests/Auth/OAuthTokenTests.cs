using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SalesforceEmulator.Tests.Hosting;

namespace SalesforceEmulator.Tests.Auth;

public sealed class OAuthTokenTests
{
    private HostFixture emulator = null!;

    [SetUp]
    public async Task StartAsync() => emulator = await HostFixture.StartAsync();

    [TearDown]
    public async Task StopAsync() => await emulator.DisposeAsync();

    [Test]
    public async Task RefreshGrantAnswersTheRealSuccessShape()
    {
        using var response = await emulator.RefreshAsync();
        var json = await response.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(json);
        var root = body.RootElement;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(root.EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "access_token", "signature", "scope", "instance_url", "id", "token_type", "issued_at" }));
        Assert.That(root.GetProperty("access_token").GetString(), Does.Match("^00D[0-9A-Za-z]{12}![0-9A-Za-z._]+$"));
        Assert.That(root.GetProperty("instance_url").GetString(), Is.EqualTo(emulator.BaseUrl));
        Assert.That(root.GetProperty("id").GetString(), Is.EqualTo($"{emulator.BaseUrl}/id/00D000000000001EAA/005000000000001AAA"));
        Assert.That(root.GetProperty("token_type").GetString(), Is.EqualTo("Bearer"));
        Assert.That(root.GetProperty("scope").GetString(), Is.EqualTo("refresh_token api"));
        Assert.That(root.GetProperty("issued_at").GetString(),
            Is.EqualTo(emulator.Time.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(json, Does.Not.Contain("refresh_token\":"), "no rotation: the refresh token is not sent back");
    }

    [Test]
    public async Task SignatureIsHmacOfIdAndIssuedAtKeyedWithTheSecret()
    {
        using var response = await emulator.RefreshAsync();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        var payload = root.GetProperty("id").GetString() + root.GetProperty("issued_at").GetString();

        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes("emulator-secret"), Encoding.UTF8.GetBytes(payload)));

        Assert.That(root.GetProperty("signature").GetString(), Is.EqualTo(expected));
    }

    [Test]
    public async Task IssuedTokenOpensProtectedRoutes()
    {
        var token = await AccessTokenFrom(await emulator.RefreshAsync());

        using var response = await emulator.SendAuthorizedAsync(HttpMethod.Get, "/services/oauth2/userinfo", token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task AnyQueryStringIsTolerated()
    {
        using var response = await emulator.PostFormAsync("/services/oauth2/token?d=.salesforce.com/services/oauth2/token",
            ("grant_type", "refresh_token"), ("client_id", "emulator-client"), ("client_secret", "emulator-secret"),
            ("refresh_token", "emulator-refresh-token"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task PasswordGrantTakesPasswordWithSecurityTokenAppended()
    {
        using var response = await Password("passwordtoken");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.RootElement.GetProperty("scope").GetString(), Is.EqualTo("api"));
        Assert.That(body.RootElement.GetProperty("instance_url").GetString(), Is.EqualTo(emulator.BaseUrl));
    }

    [TestCase("password", TestName = "PasswordGrantRefusesPasswordWithoutToken")]
    [TestCase("wrongtoken", TestName = "PasswordGrantRefusesWrongPassword")]
    public async Task PasswordGrantRefusesBadSecrets(string password)
    {
        using var response = await Password(password);

        await AssertOAuthError(response, "invalid_grant", "authentication failure");
    }

    [Test]
    public async Task PasswordGrantRefusesUnknownUser()
    {
        using var response = await emulator.PostFormAsync("/services/oauth2/token",
            ("grant_type", "password"), ("client_id", "emulator-client"), ("client_secret", "emulator-secret"),
            ("username", "nobody@emulator.local"), ("password", "passwordtoken"));

        await AssertOAuthError(response, "invalid_grant", "authentication failure");
    }

    [Test]
    public async Task UnknownRefreshTokenIsAnExpiredGrant()
    {
        using var response = await emulator.RefreshAsync("not-a-token");

        await AssertOAuthError(response, "invalid_grant", "expired access/refresh token");
    }

    [Test]
    public async Task RevokedRefreshTokenIsAnExpiredGrant()
    {
        using var body = new StringContent("{\"refresh_token\":\"emulator-refresh-token\"}", Encoding.UTF8, "application/json");
        using var revoke = await emulator.Http.PostAsync("/__emulator/refresh-tokens/revoke", body);
        Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using var response = await emulator.RefreshAsync();

        await AssertOAuthError(response, "invalid_grant", "expired access/refresh token");
    }

    [Test]
    public async Task RevokingWithoutBodyRevokesEveryRefreshToken()
    {
        using var revoke = await emulator.Http.PostAsync("/__emulator/refresh-tokens/revoke", null);
        Assert.That(await revoke.Content.ReadAsStringAsync(), Is.EqualTo("{\"revoked\":1}"));

        using var response = await emulator.RefreshAsync();

        await AssertOAuthError(response, "invalid_grant", "expired access/refresh token");
    }

    [Test]
    public async Task RevokingAnUnknownRefreshTokenIsNotFound()
    {
        using var body = new StringContent("{\"refresh_token\":\"nope\"}", Encoding.UTF8, "application/json");
        using var revoke = await emulator.Http.PostAsync("/__emulator/refresh-tokens/revoke", body);

        Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task UnknownClientIdIsInvalidClientId()
    {
        using var response = await emulator.PostFormAsync("/services/oauth2/token",
            ("grant_type", "refresh_token"), ("client_id", "other"), ("client_secret", "emulator-secret"),
            ("refresh_token", "emulator-refresh-token"));

        await AssertOAuthError(response, "invalid_client_id", "client identifier invalid");
    }

    [TestCase("wrong-secret")]
    [TestCase(null)]
    public async Task WrongOrMissingSecretIsInvalidClient(string? secret)
    {
        var fields = new List<(string, string)> { ("grant_type", "refresh_token"), ("client_id", "emulator-client"), ("refresh_token", "emulator-refresh-token") };
        if (secret is not null)
        {
            fields.Add(("client_secret", secret));
        }

        using var response = await emulator.PostFormAsync("/services/oauth2/token", [.. fields]);

        await AssertOAuthError(response, "invalid_client", "invalid client credentials");
    }

    [Test]
    public async Task OtherGrantTypesAreUnsupported()
    {
        using var response = await emulator.PostFormAsync("/services/oauth2/token",
            ("grant_type", "not_a_grant"), ("client_id", "emulator-client"), ("client_secret", "emulator-secret"));

        await AssertOAuthError(response, "unsupported_grant_type", "grant type not supported");
    }

    [Test]
    public async Task NonFormBodyIsAnUnsupportedGrant()
    {
        using var body = new StringContent("{\"grant_type\":\"refresh_token\"}", Encoding.UTF8, "application/json");
        using var response = await emulator.Http.PostAsync("/services/oauth2/token", body);

        await AssertOAuthError(response, "unsupported_grant_type", "grant type not supported");
    }

    [Test]
    public async Task CredentialsAddedToTheOrgCanLogIn()
    {
        emulator.Host.Credentials.AddApp(new SalesforceEmulator.Auth.ConnectedApp("second-app", null));
        emulator.Host.Credentials.AddUser(new SalesforceEmulator.Auth.OrgUser(
            "005000000000009AAA", "second@emulator.local", "pw", null, "Second", "User", "second@emulator.local"));

        using var response = await emulator.PostFormAsync("/services/oauth2/token",
            ("grant_type", "password"), ("client_id", "second-app"), ("username", "second@emulator.local"), ("password", "pw"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.RootElement.GetProperty("id").GetString(), Does.EndWith("/005000000000009AAA"));
    }

    [Test]
    public async Task OrgDefinitionUsersAndAppsGetIdsAndGrants()
    {
        var user = emulator.Host.Credentials.AddUser("third@emulator.local", "secret", "tok");
        emulator.Host.Credentials.AddApp("definition-app", "definition-secret", ["definition-refresh"]);

        using var password = await emulator.PostFormAsync("/services/oauth2/token",
            ("grant_type", "password"), ("client_id", "definition-app"), ("client_secret", "definition-secret"),
            ("username", "third@emulator.local"), ("password", "secrettok"));
        using var refresh = await emulator.PostFormAsync("/services/oauth2/token",
            ("grant_type", "refresh_token"), ("client_id", "definition-app"), ("client_secret", "definition-secret"),
            ("refresh_token", "definition-refresh"));

        Assert.That(user.UserId, Is.EqualTo("005000000000003AAA"), "the next id after the built-in org's two users");
        Assert.That(password.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(refresh.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task RefreshTokenOfAnotherAppIsRefused()
    {
        emulator.Host.Credentials.AddApp("definition-app", "definition-secret", []);

        using var response = await emulator.PostFormAsync("/services/oauth2/token",
            ("grant_type", "refresh_token"), ("client_id", "definition-app"), ("client_secret", "definition-secret"),
            ("refresh_token", "emulator-refresh-token"));

        await AssertOAuthError(response, "invalid_grant", "expired access/refresh token");
    }

    private Task<HttpResponseMessage> Password(string password) =>
        emulator.PostFormAsync("/services/oauth2/token",
            ("grant_type", "password"), ("client_id", "emulator-client"), ("client_secret", "emulator-secret"),
            ("username", "admin@emulator.local"), ("password", password));

    private static async Task<string> AccessTokenFrom(HttpResponseMessage response)
    {
        using (response)
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return body.RootElement.GetProperty("access_token").GetString()!;
        }
    }

    private static async Task AssertOAuthError(HttpResponseMessage response, string error, string description)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(await response.Content.ReadAsStringAsync(),
            Is.EqualTo($"{{\"error\":\"{error}\",\"error_description\":\"{description}\"}}"));
    }
}

using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using SalesforceEmulator.Auth;
using SalesforceEmulator.Tests.Hosting;

namespace SalesforceEmulator.Tests.Auth;

public sealed class JwtBearerGrantTests
{
    private const string GrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private HostFixture emulator = null!;

    [SetUp]
    public async Task StartAsync() => emulator = await HostFixture.StartAsync();

    [TearDown]
    public async Task StopAsync() => await emulator.DisposeAsync();

    private Dictionary<string, object?> Claims(params (string, object?)[] changes) =>
        TestAssertions.Claims(emulator.Time.GetUtcNow(), emulator.BaseUrl, changes);

    private Task<HttpResponseMessage> PostAsync(string assertion) =>
        emulator.PostFormAsync("/services/oauth2/token", ("grant_type", GrantType), ("assertion", assertion));

    private static async Task<(HttpStatusCode Status, string? Error, string? Description)> ErrorOf(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        return (response.StatusCode, root.GetProperty("error").GetString(), root.GetProperty("error_description").GetString());
    }

    [Test]
    public async Task An_assertion_signed_with_the_demo_key_logs_the_default_user_in()
    {
        using var response = await PostAsync(TestAssertions.Sign(Claims()));
        var json = await response.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(json);
        var root = body.RootElement;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json);
        Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "access_token", "scope", "instance_url", "id", "token_type" }));
        Assert.That(root.GetProperty("instance_url").GetString(), Is.EqualTo(emulator.BaseUrl));
        Assert.That(root.GetProperty("id").GetString(), Does.EndWith("/005000000000001AAA"));
        Assert.That(emulator.Host.Tokens.Find(root.GetProperty("access_token").GetString()!)?.User.Username, Is.EqualTo("admin@emulator.local"));
    }

    [TestCase("https://login.salesforce.com")]
    [TestCase("https://test.salesforce.com/")]
    public async Task The_shared_login_hosts_are_accepted_audiences(string audience)
    {
        using var response = await PostAsync(TestAssertions.Sign(Claims(("aud", audience))));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task An_audience_list_with_the_emulator_in_it_is_accepted()
    {
        using var response = await PostAsync(TestAssertions.Sign(Claims(("aud", new[] { "https://elsewhere.example", emulator.BaseUrl }))));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_key_the_app_does_not_trust_is_an_invalid_assertion()
    {
        using var response = await PostAsync(TestAssertions.Sign(Claims(), TestAssertions.NewKeyPem()));

        Assert.That(await ErrorOf(response), Is.EqualTo((HttpStatusCode.BadRequest, "invalid_grant", "invalid assertion")));
    }

    [TestCase("not-a-jwt")]
    [TestCase("a.b")]
    [TestCase("e30.e30.AAAA")]
    [TestCase("")]
    public async Task Text_that_is_not_a_signed_jwt_is_an_invalid_assertion(string assertion)
    {
        using var response = await PostAsync(assertion);

        Assert.That(await ErrorOf(response), Is.EqualTo((HttpStatusCode.BadRequest, "invalid_grant", "invalid assertion")));
    }

    [Test]
    public async Task Another_algorithm_is_an_invalid_assertion()
    {
        using var response = await PostAsync(TestAssertions.Sign(Claims(), alg: "HS256"));

        Assert.That(await ErrorOf(response), Is.EqualTo((HttpStatusCode.BadRequest, "invalid_grant", "invalid assertion")));
    }

    [Test]
    public async Task A_tampered_claim_breaks_the_signature()
    {
        var parts = TestAssertions.Sign(Claims()).Split('.');
        var other = TestAssertions.Sign(Claims(("sub", "someone@else.test"))).Split('.');

        using var response = await PostAsync($"{parts[0]}.{other[1]}.{parts[2]}");

        Assert.That(await ErrorOf(response), Is.EqualTo((HttpStatusCode.BadRequest, "invalid_grant", "invalid assertion")));
    }

    [Test]
    public async Task An_unknown_issuer_is_an_invalid_client_id()
    {
        using var response = await PostAsync(TestAssertions.Sign(Claims(("iss", "no-such-app"))));

        Assert.That(await ErrorOf(response), Is.EqualTo((HttpStatusCode.BadRequest, "invalid_client_id", "client identifier invalid")));
    }

    [Test]
    public async Task An_app_without_a_certificate_is_invalid_app_access()
    {
        emulator.Host.Credentials.AddApp(new ConnectedApp("no-cert-app", "s"));

        using var response = await PostAsync(TestAssertions.Sign(Claims(("iss", "no-cert-app"))));

        Assert.That(await ErrorOf(response), Is.EqualTo((HttpStatusCode.BadRequest, "invalid_grant", "invalid app access")));
    }

    [TestCase("https://evil.example")]
    [TestCase("https://login.salesforce.com.evil.example")]
    public async Task Another_audience_is_invalid(string audience)
    {
        using var response = await PostAsync(TestAssertions.Sign(Claims(("aud", audience))));

        Assert.That(await ErrorOf(response), Is.EqualTo((HttpStatusCode.BadRequest, "invalid_grant", "audience is invalid")));
    }

    [Test]
    public async Task An_assertion_past_its_exp_on_the_emulators_clock_is_refused()
    {
        var assertion = TestAssertions.Sign(Claims());
        emulator.Time.Advance(TimeSpan.FromMinutes(3));

        using var response = await PostAsync(assertion);

        Assert.That(await ErrorOf(response), Is.EqualTo((HttpStatusCode.BadRequest, "invalid_grant", "expired authorization code")));
    }

    [Test]
    public async Task An_assertion_without_exp_is_invalid()
    {
        using var response = await PostAsync(TestAssertions.Sign(Claims(("exp", null))));

        Assert.That(await ErrorOf(response), Is.EqualTo((HttpStatusCode.BadRequest, "invalid_grant", "invalid assertion")));
    }

    [Test]
    public async Task An_unknown_user_or_one_who_has_not_approved_the_app_is_refused()
    {
        emulator.Host.Credentials.AddUser("nobody-approved@emulator.local", "pw", null);

        using var unknown = await PostAsync(TestAssertions.Sign(Claims(("sub", "ghost@emulator.local"))));
        using var unapproved = await PostAsync(TestAssertions.Sign(Claims(("sub", "nobody-approved@emulator.local"))));

        Assert.That(await ErrorOf(unknown), Is.EqualTo((HttpStatusCode.BadRequest, "invalid_grant", "user hasn't approved this consumer")));
        Assert.That(await ErrorOf(unapproved), Is.EqualTo((HttpStatusCode.BadRequest, "invalid_grant", "user hasn't approved this consumer")));
    }

    [Test]
    public async Task A_refresh_token_through_the_app_counts_as_the_users_approval()
    {
        emulator.Host.Credentials.AddUser("approved-by-login@emulator.local", "pw", null);
        emulator.Host.Credentials.AddRefreshToken(new GrantedRefreshToken("rt-approval", "emulator-client", "approved-by-login@emulator.local"));

        using var response = await PostAsync(TestAssertions.Sign(Claims(("sub", "approved-by-login@emulator.local"))));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public void The_built_in_org_trusts_the_demo_certificate()
    {
        using var demo = X509Certificate2.CreateFromPem(TestAssertions.DemoCertificatePem);

        var app = emulator.Host.Credentials.FindApp("emulator-client")!;

        Assert.That(app.Certificate?.Thumbprint, Is.EqualTo(demo.Thumbprint));
        Assert.That(app.RunAsUsername, Is.EqualTo("admin@emulator.local"));
    }
}

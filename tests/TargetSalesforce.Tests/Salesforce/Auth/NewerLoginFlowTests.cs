using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using RichardSzalay.MockHttp;
using TargetSalesforce.Configuration;
using TargetSalesforce.Destination;
using TargetSalesforce.Salesforce;
using TargetSalesforce.Salesforce.Auth;

namespace TargetSalesforce.Tests.Salesforce.Auth;

/// <summary>JWT bearer, client credentials, a token handed in and a refresh token without a secret, against a mocked org.</summary>
public class NewerLoginFlowTests
{
    private static SalesforceConnection Connect(LoginCredentials login, MockHttpMessageHandler mock, LoginFlowTests.RecordingSink? sink = null) =>
        SalesforceConnection.Create(login, TestOrg.FastOptions, NullLoggerFactory.Instance, TimeProvider.System, sink, mock);

    /// <summary>The form of every token request, in order.</summary>
    private static List<Dictionary<string, string>> RecordTokenRequests(MockHttpMessageHandler mock)
    {
        var forms = new List<Dictionary<string, string>>();
        var calls = 0;
        mock.When(HttpMethod.Post, TestOrg.Login + "/services/oauth2/token").Respond(request =>
        {
            var body = request.Content!.ReadAsStringAsync().Result;
            lock (forms)
            {
                forms.Add(body.Split('&').Select(pair => pair.Split('=', 2))
                    .ToDictionary(pair => Unescape(pair[0]), pair => Unescape(pair[1])));
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = TestOrg.Json(TestOrg.Token($"T{Interlocked.Increment(ref calls)}")) };
        });
        return forms;
    }

    private static string Unescape(string formText) => Uri.UnescapeDataString(formText.Replace('+', ' '));

    private static JwtBearerLogin JwtLogin()
    {
        using var rsa = RSA.Create(2048);
        return new("consumer-key", "etl@acme.test", JwtSigningKey.FromPem(rsa.ExportPkcs8PrivateKeyPem()));
    }

    [Test]
    public async Task Jwt_bearer_posts_a_signed_assertion_and_says_which_flow_it_used()
    {
        using var mock = new MockHttpMessageHandler();
        var forms = RecordTokenRequests(mock);
        var sink = new LoginFlowTests.RecordingSink();
        using var connection = Connect(JwtLogin(), mock, sink);

        var summary = await connection.TestConnectionAsync([], CancellationToken.None);

        Assert.That(summary, Does.Contain("with the JWT bearer flow"));
        Assert.That(forms.Single().Keys, Is.EquivalentTo(new[] { "grant_type", "assertion" }));
        Assert.That(forms[0]["grant_type"], Is.EqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer"));
        Assert.That(sink.Secrets, Does.Contain(forms[0]["assertion"]).And.Contain("T1"), "the assertion and the token are masked in logs");
    }

    [Test]
    public async Task A_session_refused_mid_run_is_replaced_by_a_fresh_assertion()
    {
        using var mock = new MockHttpMessageHandler();
        var forms = RecordTokenRequests(mock);
        mock.When(HttpMethod.Get, TestOrg.Data + "/sobjects/Account/describe").Respond(request =>
            TestOrg.Bearer(request) == "T1"
                ? TestOrg.InvalidSession()
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = TestOrg.Json(FieldSpec.Describe("Account", FieldSpec.Id)) });
        using var connection = Connect(JwtLogin(), mock);

        var summary = await connection.TestConnectionAsync(["Account"], CancellationToken.None);

        Assert.That(summary, Does.Contain("described Account"));
        Assert.That(forms, Has.Count.EqualTo(2), "one login, then one more after the 401");
        Assert.That(forms.Select(f => f["grant_type"]), Is.All.EqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer"));
    }

    [Test]
    public async Task Client_credentials_post_the_apps_key_and_secret()
    {
        using var mock = new MockHttpMessageHandler();
        var forms = RecordTokenRequests(mock);
        using var connection = Connect(new ClientCredentialsLogin("consumer-key", TestOrg.ClientSecret), mock);

        var summary = await connection.TestConnectionAsync([], CancellationToken.None);

        Assert.That(summary, Does.Contain("with the client credentials flow"));
        Assert.That(forms.Single(), Is.EquivalentTo(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "consumer-key", ["client_secret"] = TestOrg.ClientSecret,
        }));
    }

    [Test]
    public async Task A_refresh_token_without_a_secret_sends_none()
    {
        using var mock = new MockHttpMessageHandler();
        var forms = RecordTokenRequests(mock);
        using var connection = Connect(new RefreshTokenLogin("consumer-key", null, TestOrg.RefreshToken), mock);

        await connection.TestConnectionAsync([], CancellationToken.None);

        Assert.That(forms.Single().Keys, Is.EquivalentTo(new[] { "grant_type", "refresh_token", "client_id" }));
    }

    [Test]
    public async Task A_token_handed_in_is_checked_by_one_call_and_never_posted_to_a_login()
    {
        using var mock = new MockHttpMessageHandler();
        var limits = mock.When(HttpMethod.Get, TestOrg.Data + "/limits").With(r => TestOrg.Bearer(r) == "given-token").Respond("application/json", "{}");
        var logins = mock.When(HttpMethod.Post, TestOrg.Login + "/services/oauth2/token").Respond(HttpStatusCode.InternalServerError);
        using var connection = Connect(new GivenAccessTokenLogin("given-token", new Uri(TestOrg.Instance)), mock);

        var summary = await connection.TestConnectionAsync([], CancellationToken.None);

        Assert.That(summary, Does.Contain("with the access token as given flow").And.Contain("na1.example.com"));
        Assert.That(mock.GetMatchCount(limits), Is.EqualTo(1));
        Assert.That(mock.GetMatchCount(logins), Is.Zero);
    }

    [Test]
    public void A_token_handed_in_that_salesforce_refuses_ends_the_run_saying_it_cannot_be_renewed()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestOrg.Data + "/sobjects/Account/describe").Respond(_ => TestOrg.InvalidSession());
        using var connection = Connect(new GivenAccessTokenLogin("given-token", new Uri(TestOrg.Instance)), mock);

        var error = Assert.ThrowsAsync<AuthenticationFailedException>(() => connection.TestConnectionAsync(["Account"], CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("refused the access token").And.Contain("cannot be renewed").And.Not.Contain("given-token"));
    }

    [Test]
    public void A_jwt_the_app_does_not_trust_fails_with_salesforces_words()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, TestOrg.Login + "/services/oauth2/token")
            .Respond(HttpStatusCode.BadRequest, "application/json", """{"error":"invalid_grant","error_description":"invalid assertion"}""");
        using var connection = Connect(JwtLogin(), mock);

        var error = Assert.ThrowsAsync<AuthenticationFailedException>(() => connection.TestConnectionAsync([], CancellationToken.None));

        Assert.That(error!.Message, Is.EqualTo("Salesforce login (JWT bearer) at login.example.com failed: HTTP 400 with invalid_grant: invalid assertion"));
    }
}

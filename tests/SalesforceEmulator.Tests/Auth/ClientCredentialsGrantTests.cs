using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SalesforceEmulator.Auth;
using SalesforceEmulator.Tests.Hosting;

namespace SalesforceEmulator.Tests.Auth;

public sealed class ClientCredentialsGrantTests
{
    private HostFixture emulator = null!;

    [SetUp]
    public async Task StartAsync() => emulator = await HostFixture.StartAsync();

    [TearDown]
    public async Task StopAsync() => await emulator.DisposeAsync();

    private Task<HttpResponseMessage> PostAsync(string clientId, string clientSecret) =>
        emulator.PostFormAsync("/services/oauth2/token", ("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", clientSecret));

    [Test]
    public async Task The_app_logs_in_as_its_run_as_user_with_the_documented_fields()
    {
        using var response = await PostAsync("emulator-client", "emulator-secret");
        var json = await response.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(json);
        var root = body.RootElement;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), json);
        Assert.That(root.EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "access_token", "signature", "token_format", "instance_url", "id", "token_type", "issued_at" }));
        Assert.That(root.GetProperty("token_format").GetString(), Is.EqualTo("opaque"));
        Assert.That(emulator.Host.Tokens.Find(root.GetProperty("access_token").GetString()!)?.User.Username, Is.EqualTo("admin@emulator.local"));
    }

    [Test]
    public async Task The_client_may_authenticate_with_a_basic_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/services/oauth2/token")
        {
            Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("emulator-client:emulator-secret")));

        using var response = await emulator.Http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_wrong_secret_and_an_unknown_app_are_refused_as_for_the_other_grants()
    {
        using var wrongSecret = await PostAsync("emulator-client", "not-the-secret");
        using var unknownApp = await PostAsync("no-such-app", "emulator-secret");

        Assert.That(await wrongSecret.Content.ReadAsStringAsync(), Is.EqualTo("{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}"));
        Assert.That(await unknownApp.Content.ReadAsStringAsync(), Is.EqualTo("{\"error\":\"invalid_client_id\",\"error_description\":\"client identifier invalid\"}"));
    }

    [Test]
    public async Task An_app_without_a_run_as_user_has_the_flow_off()
    {
        emulator.Host.Credentials.AddApp(new ConnectedApp("no-run-as", "s3cret"));

        using var response = await PostAsync("no-run-as", "s3cret");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("{\"error\":\"invalid_grant\",\"error_description\":\"no client credentials user enabled\"}"));
    }
}

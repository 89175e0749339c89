using System.Net;
using System.Text.Json;
using SalesforceEmulator.Tests.Hosting;

namespace SalesforceEmulator.Tests.Auth;

/// <summary>An org file registers another app: its certificate (a file beside the org file, or inline), run-as user and pre-authorized users.</summary>
public sealed class AppRegistrationTests
{
    private string folder = null!;

    [SetUp]
    public void MakeFolder() => folder = Directory.CreateTempSubdirectory("emulator-org-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(folder, recursive: true);

    private string OrgFile(string app)
    {
        var path = Path.Combine(folder, "org.json");
        File.WriteAllText(path, $$"""
            {
              "credentials": {
                "users": [{ "username": "etl@example.test", "password": "pw" }],
                "oauthClients": [{{app}}]
              },
              "objects": []
            }
            """);
        return path;
    }

    [Test]
    public async Task A_certificate_file_beside_the_org_file_lets_its_key_sign_and_the_run_as_user_log_in()
    {
        Directory.CreateDirectory(Path.Combine(folder, "keys"));
        await File.WriteAllTextAsync(Path.Combine(folder, "keys", "etl.crt"), TestAssertions.DemoCertificatePem);
        var org = OrgFile("""
            { "clientId": "etl-app", "clientSecret": "etl-secret", "certificateFile": "keys/etl.crt",
              "runAsUser": "etl@example.test", "preAuthorizedUsers": ["etl@example.test"] }
            """);
        await using var emulator = await HostFixture.StartAsync(o => o.OrgFile = org);

        var claims = TestAssertions.Claims(emulator.Time.GetUtcNow(), emulator.BaseUrl, ("iss", "etl-app"), ("sub", "etl@example.test"));
        using var jwt = await emulator.PostFormAsync("/services/oauth2/token",
            ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"), ("assertion", TestAssertions.Sign(claims)));
        using var client = await emulator.PostFormAsync("/services/oauth2/token",
            ("grant_type", "client_credentials"), ("client_id", "etl-app"), ("client_secret", "etl-secret"));

        Assert.That(jwt.StatusCode, Is.EqualTo(HttpStatusCode.OK), await jwt.Content.ReadAsStringAsync());
        Assert.That(client.StatusCode, Is.EqualTo(HttpStatusCode.OK), await client.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await client.Content.ReadAsStringAsync());
        Assert.That(emulator.Host.Tokens.Find(body.RootElement.GetProperty("access_token").GetString()!)?.User.Username, Is.EqualTo("etl@example.test"));
    }

    [Test]
    public async Task A_certificate_may_be_given_inline()
    {
        var org = OrgFile($$"""{ "clientId": "inline-app", "clientSecret": "", "certificate": {{JsonSerializer.Serialize(TestAssertions.DemoCertificatePem)}} }""");
        await using var emulator = await HostFixture.StartAsync(o => o.OrgFile = org);

        Assert.That(emulator.Host.Credentials.FindApp("inline-app")?.Certificate, Is.Not.Null);
    }

    [TestCase("""{ "clientId": "etl-app", "certificateFile": "missing.crt" }""", "oauthClients[etl-app].certificateFile missing.crt: no such file")]
    [TestCase("""{ "clientId": "etl-app", "certificate": "not a certificate" }""", "oauthClients[etl-app].certificate: not a PEM certificate")]
    public void An_unusable_certificate_stops_the_emulator_naming_the_app(string app, string message)
    {
        var org = OrgFile(app);

        var error = Assert.ThrowsAsync<InvalidDataException>(async () => await EmulatorHost.StartAsync(new EmulatorOptions { OrgFile = org }));

        Assert.That(error!.Message, Does.Contain(message));
    }
}

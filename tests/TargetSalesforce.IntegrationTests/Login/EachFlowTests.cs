using System.Runtime.Versioning;
using Newtonsoft.Json.Linq;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Login;

/// <summary>The built target logs in with each flow, says which in --test-connection, and loads records; Salesforce refusals end the run in its words.</summary>
[UnsupportedOSPlatform("windows")]
internal sealed class EachFlowTests : EmulatorTestBase
{
    private const string PasswordUser = "each.flow@emulator.local";
    private const string UserPassword = "pw-EachFlow-4417";
    private const string UserToken = "tok-EachFlow-99";

    private readonly KeyFiles keys = new();

    [OneTimeSetUp]
    public void AddPasswordUser() => Emulator.Credentials.AddUser(PasswordUser, UserPassword, UserToken);

    [OneTimeTearDown]
    public void RemoveKeys() => keys.Dispose();

    private static Dictionary<string, object?> Password() => LoginFlows.Password(PasswordUser, UserPassword, UserToken);

    private Dictionary<string, object?> Overrides(string flow) => flow switch
    {
        "refresh_token" => LoginFlows.RefreshToken(),
        "password" => Password(),
        "jwt" => LoginFlows.Jwt(keys.Write()),
        "client_credentials" => LoginFlows.ClientCredentials(),
        _ => LoginFlows.AccessToken(Emulator.Tokens.IssueAccessToken(), Emulator.BaseUrl),
    };

    private static Dictionary<string, object?> Upsert(Dictionary<string, object?> overrides) =>
        LoginFlows.With(overrides, new() { ["action"] = "upsert", ["external_id_name"] = AccountFeed.Key });

    /// <summary>A private key of the wrong kind (elliptic curve, not RSA).</summary>
    private static string EcKeyPem()
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        return key.ExportPkcs8PrivateKeyPem();
    }

    private async Task<int> TokenRequestsAsync() =>
        (int?)(await Org.StatsAsync())["requests"]!["byRoute"]!["POST /services/oauth2/token"] ?? 0;

    [TestCase("refresh_token", "OAuth refresh token")]
    [TestCase("password", "password (SOAP login)")]
    [TestCase("jwt", "JWT bearer")]
    [TestCase("client_credentials", "client credentials")]
    [TestCase("access_token", "access token as given")]
    public async Task Auto_chooses_the_flow_tests_the_connection_with_it_and_loads_records(string flow, string name)
    {
        var overrides = Overrides(flow);
        var input = AccountFeed.Distinct(25, stateEvery: 10);

        var test = await RunTargetAsync(string.Empty, Upsert(overrides), "--test-connection");
        var run = await RunTargetAsync(input, Upsert(overrides));

        Assert.That(test.ExitCode, Is.Zero, test.ToString);
        Assert.That(test.Stderr, Does.Contain($"with the {name} flow"));
        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Stderr, Does.Not.Contain("WARN"), "a config made for one flow draws no warning");
        Assert.That(await Org.CountAsync("Account"), Is.EqualTo(25));
        await AccountingInvariant.AssertHoldsAsync(input.ToString(), run, Org, "Account", AccountFeed.Key, null);
    }

    [Test]
    public async Task A_named_flow_is_used_even_where_auto_would_choose_another()
    {
        // Complete refresh-token credentials and a key: auto would pick JWT; the named flow wins, the key draws a warning.
        var overrides = LoginFlows.With(LoginFlows.RefreshToken(), new()
        {
            ["auth_flow"] = "client_credentials", ["refresh_token"] = null, ["private_key_file"] = keys.Write(),
        });

        var result = await RunTargetAsync(string.Empty, overrides, "--test-connection");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(result.Stderr, Does.Contain("with the client credentials flow").And.Contain("private_key_file is set but not used"));
    }

    [Test]
    public async Task A_jwt_session_that_expires_mid_run_is_replaced_by_a_fresh_assertion()
    {
        await Org.SetFaultsAsync(new { kind = "sessionExpiry", afterRequests = 3, times = 2 });
        var input = AccountFeed.Distinct(30, stateEvery: 5);
        var config = LoginFlows.With(LoginFlows.Jwt(keys.Write()), new() { ["batch_size_rows"] = 10, ["max_parallel_jobs"] = 1 });

        var result = await RunTargetAsync(input, Upsert(config), "--debug");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That((await Org.FaultsFiredAsync())[0], Is.EqualTo(2), "two sessions ended under the run");
        Assert.That(await TokenRequestsAsync(), Is.EqualTo(3), "a first login and one fresh assertion for each session ended");
        Assert.That(await Org.CountAsync("Account"), Is.EqualTo(30));
        await AccountingInvariant.AssertHoldsAsync(input.ToString(), result, Org, "Account", AccountFeed.Key, null);
    }

    [Test]
    public async Task A_token_handed_in_that_expires_mid_run_ends_the_run_clearly_with_a_true_state()
    {
        await Org.SetFaultsAsync(new { kind = "sessionExpiry", afterRequests = 4, times = 1 });
        var input = AccountFeed.Distinct(30, stateEvery: 5);
        var config = LoginFlows.With(
            LoginFlows.AccessToken(Emulator.Tokens.IssueAccessToken(), Emulator.BaseUrl), new() { ["batch_size_rows"] = 10, ["max_parallel_jobs"] = 1 });

        var result = await RunTargetAsync(input, Upsert(config), "--debug");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.Stderr, Does.Contain("refused the access token").And.Contain("cannot be renewed"));
        Assert.That(await TokenRequestsAsync(), Is.Zero, "a token handed in is never exchanged for another");
        await AccountingInvariant.AssertHoldsAsync(input.ToString(), result, Org, "Account", AccountFeed.Key, null);
    }

    [Test]
    public async Task A_key_the_app_does_not_trust_fails_the_login_in_salesforces_words_once()
    {
        var input = AccountFeed.Distinct(5);

        var result = await RunTargetAsync(input, Upsert(LoginFlows.Jwt(keys.Write(KeyFiles.UntrustedKeyPem()))));

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.Stderr, Does.Contain($"Salesforce login (JWT bearer) at {Emulator.BaseUrl.Host} failed: HTTP 400 with invalid_grant: invalid assertion"));
        Assert.That(result.Stderr, Does.Not.Contain("unexpected failure"), "a refused login is an answer, not a bug");
        Assert.That(await TokenRequestsAsync(), Is.EqualTo(1), "a refused login is an answer, not an outage: never retried");
        Assert.That(await Org.CountAsync("Account"), Is.Zero);
        await AccountingInvariant.AssertHoldsAsync(input.ToString(), result, Org, "Account", AccountFeed.Key, null);
    }

    [Test]
    public async Task A_user_who_has_not_approved_the_app_is_told_so()
    {
        Emulator.Credentials.AddUser("not.approved@emulator.local", "pw-x", null);
        var overrides = LoginFlows.With(LoginFlows.Jwt(keys.Write()), new() { ["username"] = "not.approved@emulator.local" });

        var result = await RunTargetAsync(string.Empty, overrides, "--test-connection");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.Stderr, Does.Contain("invalid_grant: user hasn't approved this consumer"));
    }

    [Test]
    public async Task A_key_file_others_can_read_draws_a_warning_and_still_logs_in()
    {
        var file = keys.Write(mode: UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var result = await RunTargetAsync(string.Empty, LoginFlows.Jwt(file), "--test-connection");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(result.Stderr, Does.Contain("WARN").And.Contain("can be read by other users").And.Contain("chmod 600"));
    }

    private static IEnumerable<TestCaseData> BadKeys()
    {
        yield return new TestCaseData("not pem", "is not a PEM private key").SetName("A key that is not PEM");
        yield return new TestCaseData("encrypted", "is encrypted").SetName("An encrypted key");
        yield return new TestCaseData("ec", "is not an RSA private key").SetName("A key that is not RSA");
        yield return new TestCaseData("certificate", "holds a certificate, not the private key").SetName("The certificate instead of the key");
    }

    [TestCaseSource(nameof(BadKeys))]
    public async Task A_bad_key_is_a_config_error_naming_the_setting_before_any_request(string kind, string reason)
    {
        var pem = kind switch
        {
            "not pem" => "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQC this is no key",
            "encrypted" => EncryptedDemoKey(),
            "ec" => EcKeyPem(),
            _ => await File.ReadAllTextAsync(Path.Combine(RepoPaths.Examples, "keys", "jwt-demo.crt")),
        };
        var input = AccountFeed.Distinct(3);

        var inFile = await RunTargetAsync(input, Upsert(LoginFlows.Jwt(keys.Write(pem))));
        var inline = await RunTargetAsync(input, Upsert(LoginFlows.With(LoginFlows.Jwt("unused"), new() { ["private_key_file"] = null, ["private_key"] = pem })));

        foreach (var (result, setting) in new[] { (inFile, "private_key_file"), (inline, "private_key") })
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
            Assert.That(result.Stderr, Does.Contain($"config: {setting}:").And.Contain(reason));
            foreach (var line in pem.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 16 && !l.StartsWith("-----", StringComparison.Ordinal)))
            {
                Assert.That(result.Stderr, Does.Not.Contain(line), "the key is never quoted");
            }
            Assert.That(result.Stdout, Is.Empty);
        }

        Assert.That((int)(await Org.StatsAsync())["requests"]!["total"]!, Is.Zero, "refused before any request");
    }

    [Test]
    public async Task A_key_file_that_cannot_be_read_is_a_config_error()
    {
        var missing = await RunTargetAsync(string.Empty, LoginFlows.Jwt("/no/such/folder/jwt.key"), "--test-connection");
        var folder = await RunTargetAsync(string.Empty, LoginFlows.Jwt(Path.GetTempPath()), "--test-connection");

        Assert.That(missing.ExitCode, Is.EqualTo(2), missing.ToString);
        Assert.That(missing.Stderr, Does.Contain("config: private_key_file: /no/such/folder/jwt.key: no such file"));
        Assert.That(folder.ExitCode, Is.EqualTo(2), folder.ToString);
        Assert.That(folder.Stderr, Does.Contain("config: private_key_file:").And.Contain("cannot be read"));
        Assert.That((int)(await Org.StatsAsync())["requests"]!["total"]!, Is.Zero);
    }

    [Test]
    public async Task Password_login_at_api_65_is_refused_at_config_time_saying_what_to_use()
    {
        var result = await RunTargetAsync(AccountFeed.Distinct(2), LoginFlows.With(Password(), new() { ["api_version"] = "65.0" }));

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
        Assert.That(result.Stderr, Does.Contain("config: api_version: 65.0 cannot be used with password login").And.Contain("auth_flow jwt or client_credentials"));
        Assert.That((int)(await Org.StatsAsync())["requests"]!["total"]!, Is.Zero, "never a SOAP fault mid-run");
    }

    [TestCase("login")]
    [TestCase("test")]
    public async Task Client_credentials_on_a_shared_login_host_are_refused_at_config_time(string domain)
    {
        var result = await RunTargetAsync(AccountFeed.Distinct(2), LoginFlows.With(LoginFlows.ClientCredentials(), new() { ["domain"] = domain }));

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
        Assert.That(result.Stderr, Does.Contain("config: domain:").And.Contain($"{domain}.salesforce.com").And.Contain("My Domain"));
    }

    [Test]
    public async Task An_app_without_a_run_as_user_fails_client_credentials_in_salesforces_words()
    {
        Emulator.Credentials.AddApp(new SalesforceEmulator.Auth.ConnectedApp("no-run-as-app", "no-run-as-secret"));
        var overrides = LoginFlows.With(LoginFlows.ClientCredentials(), new() { ["client_id"] = "no-run-as-app", ["client_secret"] = "no-run-as-secret" });

        var result = await RunTargetAsync(string.Empty, overrides, "--test-connection");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.Stderr, Does.Contain("invalid_grant: no client credentials user enabled"));
    }

    private static string EncryptedDemoKey()
    {
        using var rsa = System.Security.Cryptography.RSA.Create();
        rsa.ImportFromPem(KeyFiles.DemoKeyPem);
        return rsa.ExportEncryptedPkcs8PrivateKeyPem("passphrase",
            new System.Security.Cryptography.PbeParameters(System.Security.Cryptography.PbeEncryptionAlgorithm.Aes256Cbc, System.Security.Cryptography.HashAlgorithmName.SHA256, 1000));
    }
}

using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using SalesforceEmulator.Auth;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Secrets;

/// <summary>
/// Distinctive secrets driven through every path of the target — success, each kind of failure,
/// --about, --test-connection, --debug logging, Mage mode with logs on stdout — and looked for in
/// everything it leaves behind: stdout, stderr, the state file and the reject file. Access tokens the
/// emulator issued are looked for by their shape (`{org id}!AQ…`), JWT assertions by theirs, the private
/// key by each of its lines; `login` is searched for its code, verifier and tokens.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed partial class SecretLeakTests : EmulatorTestBase
{
    private const string ClientId = "leak-test-client";
    private const string ClientSecret = "cs-SECRET-client-Zq8x7731";
    private const string RefreshToken = "rt-SECRET-refresh-5d2cQ";
    private const string Username = "leak.test@emulator.local";
    private const string Password = "pw-SECRET-pass-91Lk";
    private const string SecurityToken = "st-SECRET-tok-44Hh";

    private static readonly string[] AllSecrets = [ClientSecret, RefreshToken, Password, SecurityToken, Password + SecurityToken];

    [GeneratedRegex(@"00D[0-9A-Za-z]{12}!AQ[0-9A-Za-z._]{8,}")]
    private static partial Regex AccessToken();

    /// <summary>A signed JWT: base64url JSON header (`{"` is `eyJ`), claims and signature.</summary>
    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")]
    private static partial Regex Assertion();

    /// <summary>43 or more base64url characters in a row: a PKCE verifier is 43 of them.</summary>
    [GeneratedRegex(@"[A-Za-z0-9_-]{43,}")]
    private static partial Regex LongBase64Url();

    [OneTimeSetUp]
    public void AddLeakTestCredentials()
    {
        var directory = Emulator.Credentials;
        directory.AddApp(new ConnectedApp(ClientId, ClientSecret));
        directory.AddUser(Username, Password, SecurityToken);
        directory.AddRefreshToken(new GrantedRefreshToken(RefreshToken, ClientId, Username));
    }

    private static JObject OAuth(object? more = null) => Merge(new
    {
        client_id = ClientId, client_secret = ClientSecret, refresh_token = RefreshToken,
        username = (string?)null, password = (string?)null, security_token = (string?)null,
    }, more);

    private static JObject PasswordLogin(object? more = null) => Merge(new
    {
        client_id = (string?)null, client_secret = (string?)null, refresh_token = (string?)null,
        username = Username, password = Password, security_token = SecurityToken,
    }, more);

    private static JObject Merge(object values, object? more)
    {
        var merged = JObject.FromObject(values);
        merged.Merge(AccountFeed.Upsert(more), new JsonMergeSettings { MergeNullValueHandling = MergeNullValueHandling.Merge });
        return merged;
    }

    /// <summary>Two good accounts and one the org rejects (no Name), so the reject file has a line.</summary>
    private static SingerStream Input() =>
        new SingerStream().Schema("Account", AccountFeed.Schema)
            .Record("Account", new { External_Id__c = "S-1", Name = "One" })
            .Record("Account", new { External_Id__c = "S-2", Description = "no name" })
            .Record("Account", new { External_Id__c = "S-3", Name = "Three" })
            .State(new { position = 3 });

    private static void AssertNoSecrets(string where, params string?[] texts)
    {
        foreach (var text in texts.OfType<string>())
        {
            foreach (var secret in AllSecrets)
            {
                Assert.That(text, Does.Not.Contain(secret), $"{where}: a secret leaked");
            }

            Assert.That(AccessToken().IsMatch(text), Is.False, $"{where}: an access token leaked: {AccessToken().Match(text).Value}");
            Assert.That(Assertion().IsMatch(text), Is.False, $"{where}: a JWT assertion leaked");
            foreach (var line in KeyLines)
            {
                Assert.That(text, Does.Not.Contain(line), $"{where}: a line of the private key leaked");
            }
        }
    }

    /// <summary>The base64 lines of the demo private key (the JWT runs sign with it).</summary>
    private static readonly string[] KeyLines = KeyFiles.DemoKeyPem.Split('\n')
        .Select(l => l.Trim()).Where(l => l.Length > 16 && !l.StartsWith("-----", StringComparison.Ordinal)).ToArray();

    /// <summary>Runs the target with a reject file, a state file (Mage) if asked, and checks every output.</summary>
    private async Task<TargetResult> RunAndScanAsync(string name, object config, SingerStream? input, params string[] arguments)
    {
        var rejectFile = Path.Combine(Path.GetTempPath(), $"rejects-{Guid.NewGuid():N}.jsonl");
        var values = JObject.FromObject(config);
        values["reject_file"] = rejectFile;
        values["allow_failures"] ??= true;
        using var file = TargetConfig.For(Emulator.BaseUrl, values);
        try
        {
            var result = await TargetProcess.RunAsync(["--config", file.Path, .. arguments], input?.ToString() ?? string.Empty);
            AssertNoSecrets(name, result.Stdout, result.Stderr, File.Exists(rejectFile) ? await File.ReadAllTextAsync(rejectFile) : null);
            if (!arguments.Contains("--about") && !arguments.Contains("--test-connection"))
            {
                await AccountingInvariant.AssertHoldsAsync(input?.ToString() ?? string.Empty, result, Org, "Account", AccountFeed.Key, rejectFile);
            }

            return result;
        }
        finally
        {
            File.Delete(rejectFile);
        }
    }

    [Test]
    public async Task OAuth_success_with_debug_logging_leaks_nothing()
    {
        var result = await RunAndScanAsync("oauth --debug", OAuth(), Input(), "--debug");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(await Org.CountAsync("Account"), Is.EqualTo(2));
    }

    [Test]
    public async Task Password_login_success_with_debug_logging_leaks_nothing()
    {
        var result = await RunAndScanAsync("password --debug", PasswordLogin(), Input(), "--debug");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(await Org.CountAsync("Account"), Is.EqualTo(2));
    }

    private static IEnumerable<TestCaseData> Failures()
    {
        yield return new TestCaseData("wrong client secret", new { client_secret = "cs-SECRET-client-wrong" }, null).SetName("OAuth with a wrong client secret");
        yield return new TestCaseData("wrong refresh token", new { refresh_token = "rt-SECRET-refresh-wrong" }, null).SetName("OAuth with a wrong refresh token");
        yield return new TestCaseData("daily limit", null, new { kind = "requestLimit", limit = "daily", route = "POST /jobs/ingest" }).SetName("The daily request limit");
        yield return new TestCaseData("failed job", null, new { kind = "failJob", @object = "Account" }).SetName("A job that ends Failed");
        yield return new TestCaseData("503 retries", null, new { kind = "httpError", status = 503, times = 2 }).SetName("503s retried with debug logging");
        yield return new TestCaseData("expired sessions", null, new { kind = "sessionExpiry", afterRequests = 2, times = 3 }).SetName("Sessions expiring under the run");
        yield return new TestCaseData("http off loopback", new { domain = "http://example.com" }, null).SetName("Plain http to another host");
        yield return new TestCaseData("bad setting", new { batch_size_rows = "lots" }, null).SetName("A config error");
    }

    [TestCaseSource(nameof(Failures))]
    public async Task Each_failure_path_with_debug_logging_leaks_nothing(string name, object? configChange, object? fault)
    {
        foreach (var config in new[] { OAuth(configChange), PasswordLogin(configChange) })
        {
            await Org.PostAdminAsync("/__emulator/reset");
            if (fault is not null)
            {
                await Org.SetFaultsAsync(fault);
            }

            await RunAndScanAsync(name, config, Input(), "--debug");
        }
    }

    [Test]
    public async Task A_wrong_password_fails_with_salesforces_words_and_no_secret()
    {
        var result = await RunAndScanAsync("wrong password", PasswordLogin(new { password = "pw-SECRET-pass-wrong" }), Input(), "--debug");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.Stderr, Does.Contain("INVALID_LOGIN"));
        Assert.That(result.Stderr, Does.Not.Contain("pw-SECRET-pass-wrong"));
        var logins = ((JObject)(await Org.StatsAsync())["requests"]!["byRoute"]!).Properties().Where(p => p.Name.Contains("/Soap/u/", StringComparison.Ordinal)).Sum(p => (int)p.Value);
        Assert.That(logins, Is.EqualTo(1), "a refused login is an answer, not an outage: never retried");
    }

    [Test]
    public async Task Test_connection_succeeding_and_failing_leaks_nothing()
    {
        var ok = await RunAndScanAsync("--test-connection", OAuth(), null, "--test-connection", "--debug");
        var failed = await RunAndScanAsync("--test-connection failing", PasswordLogin(new { security_token = "st-SECRET-tok-wrong" }), null, "--test-connection", "--debug");

        Assert.That(ok.ExitCode, Is.Zero, ok.ToString);
        Assert.That(failed.ExitCode, Is.EqualTo(1), failed.ToString);
        Assert.That(failed.Stderr + failed.Stdout, Does.Not.Contain("st-SECRET-tok-wrong"));
    }

    [Test]
    public async Task About_leaks_nothing_even_with_a_config_given()
    {
        var result = await RunAndScanAsync("--about", OAuth(), null, "--about", "--format", "json");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(result.Stdout, Does.Contain("client_secret"), "the setting is documented, its value is not");
    }

    [Test]
    public async Task Mage_mode_with_logs_on_stdout_and_a_state_file_leaks_nothing()
    {
        var work = Directory.CreateTempSubdirectory("target-salesforce-mage-");
        try
        {
            var config = JObject.FromObject(OAuth());
            config["domain"] = Emulator.BaseUrl.ToString().TrimEnd('/');
            config["reject_file"] = Path.Combine(work.FullName, "rejects.jsonl");
            config["allow_failures"] = true;
            config["rest_threshold_rows"] = 0; // Bulk: the accounting invariant reads the jobs' result files
            var inputFile = Path.Combine(work.FullName, "input.jsonl");
            await File.WriteAllTextAsync(inputFile, Input().ToString());
            var stateFile = Path.Combine(work.FullName, "state.json");

            var result = await TargetProcess.RunAsync(
                ["--config_json", config.ToString(Newtonsoft.Json.Formatting.None), "--log_to_stdout", "true", "--state", stateFile, "--input_file_path", inputFile, "--debug"]);

            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            Assert.That(result.Stdout, Does.Contain("\"level\"").Or.Contain("\"message\""), "logs went to stdout as JSON");
            AssertNoSecrets("mage", result.Stdout, result.Stderr, await File.ReadAllTextAsync(stateFile), await File.ReadAllTextAsync(Path.Combine(work.FullName, "rejects.jsonl")));
            var states = result with { Stdout = await File.ReadAllTextAsync(stateFile) + "\n" };
            await AccountingInvariant.AssertHoldsAsync(Input().ToString(), states, Org, "Account", AccountFeed.Key, Path.Combine(work.FullName, "rejects.jsonl"));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Test]
    public async Task A_config_file_that_is_not_json_is_refused_without_quoting_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"broken-config-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, $$"""{"client_secret": "{{ClientSecret}}", "refresh_token": "{{RefreshToken}}", "password": {{Password}}""");
        try
        {
            var result = await TargetProcess.RunAsync(["--config", path, "--debug"], string.Empty);

            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
            AssertNoSecrets("broken config", result.Stdout, result.Stderr);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private readonly KeyFiles keys = new();

    [OneTimeTearDown]
    public void RemoveKeys() => keys.Dispose();

    private JObject Jwt(object? more = null, string? keyFile = null) => Merge(new
    {
        client_id = EmulatorCredentials.ClientId, client_secret = (string?)null, refresh_token = (string?)null,
        username = EmulatorCredentials.Username, password = (string?)null, security_token = (string?)null,
        private_key_file = keyFile ?? keys.Write(),
    }, more);

    [Test]
    public async Task Jwt_bearer_success_and_sessions_ending_under_it_leak_neither_key_nor_assertion()
    {
        await Org.SetFaultsAsync(new { kind = "sessionExpiry", afterRequests = 3, times = 2 });

        var result = await RunAndScanAsync("jwt --debug", Jwt(), Input(), "--debug");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(await Org.CountAsync("Account"), Is.EqualTo(2));
    }

    [Test]
    public async Task A_key_given_inline_leaks_nowhere_on_success_or_on_a_config_error()
    {
        var inline = Jwt(new { private_key = KeyFiles.DemoKeyPem });
        ((JObject)inline)["private_key_file"] = null;
        var damaged = Jwt(new { private_key = KeyFiles.DemoKeyPem.Replace("PRIVATE KEY-----\n", "PRIVATE KEY-----\n!", StringComparison.Ordinal) });
        ((JObject)damaged)["private_key_file"] = null;

        var ok = await RunAndScanAsync("inline key --debug", inline, Input(), "--debug");
        await Org.PostAdminAsync("/__emulator/reset");
        var refused = await RunAndScanAsync("damaged inline key", damaged, Input(), "--debug");

        Assert.That(ok.ExitCode, Is.Zero, ok.ToString);
        Assert.That(refused.ExitCode, Is.EqualTo(2), refused.ToString);
    }

    [Test]
    public async Task A_key_the_app_does_not_trust_fails_without_showing_the_assertion()
    {
        var result = await RunAndScanAsync("untrusted key", Jwt(keyFile: keys.Write(KeyFiles.UntrustedKeyPem())), Input(), "--debug");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.Stderr, Does.Contain("invalid assertion"));
    }

    [Test]
    public async Task Client_credentials_and_a_token_handed_in_leak_nothing_on_success_or_refusal()
    {
        var clientCredentials = Merge(new
        {
            client_id = ClientId, client_secret = ClientSecret, refresh_token = (string?)null,
            username = (string?)null, password = (string?)null, security_token = (string?)null,
        }, null);
        Emulator.Credentials.ReplaceApp(Emulator.Credentials.FindApp(ClientId)! with { RunAsUsername = Username });
        var handedIn = Merge(new
        {
            client_id = (string?)null, client_secret = (string?)null, refresh_token = (string?)null,
            username = (string?)null, password = (string?)null, security_token = (string?)null,
            access_token = Emulator.Tokens.IssueAccessToken(), instance_url = Emulator.BaseUrl.ToString().TrimEnd('/'),
        }, null);

        var first = await RunAndScanAsync("client credentials --debug", clientCredentials, Input(), "--debug");
        await Org.PostAdminAsync("/__emulator/reset");
        var second = await RunAndScanAsync("access token --debug", handedIn, Input(), "--debug");
        await Org.PostAdminAsync("/__emulator/reset");
        await Org.SetFaultsAsync(new { kind = "sessionExpiry", afterRequests = 2, times = 1 });
        var refused = await RunAndScanAsync("access token refused", handedIn, Input(), "--debug");

        Assert.That(first.ExitCode, Is.Zero, first.ToString);
        Assert.That(second.ExitCode, Is.Zero, second.ToString);
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString);
    }

    [Test]
    public async Task Login_shows_neither_code_nor_verifier_nor_tokens()
    {
        using var folder = new TempFolder();
        var output = folder.File("target.json");
        using var target = RunningTarget.Start(
            ["login", "--domain", Emulator.BaseUrl.ToString().TrimEnd('/'), "--client-id", ClientId, "--port", "0", "--no-browser", "--output", output],
            new Dictionary<string, string> { ["TARGET_SALESFORCE_CLIENT_SECRET"] = ClientSecret });
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var url = await target.NextLineAsync();
        using var authorize = await browser.GetAsync(url);
        using var page = await browser.GetAsync(authorize.Headers.Location);
        var result = await target.WaitAsync();

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var code = System.Web.HttpUtility.ParseQueryString(authorize.Headers.Location!.Query)["code"]!;
        var refreshToken = (string)JObject.Parse(await File.ReadAllTextAsync(output))["refresh_token"]!;
        var challenge = System.Web.HttpUtility.ParseQueryString(new Uri(url!).Query)["code_challenge"]!;
        var everything = result.Stdout + result.Stderr + await page.Content.ReadAsStringAsync();
        AssertNoSecrets("login", everything);
        Assert.That(everything, Does.Not.Contain(code).And.Not.Contain(refreshToken));
        Assert.That(LongBase64Url().Matches(everything).Select(m => m.Value), Is.All.EqualTo(challenge),
            "the only long base64url text shown is the public PKCE challenge in the URL, never the verifier");
    }
}

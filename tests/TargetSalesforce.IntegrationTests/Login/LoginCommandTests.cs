using System.Net;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Login;

/// <summary>
/// `target-salesforce login` driven with no browser: the test plays the browser, opening the printed page
/// (the emulator's authorize endpoint answers at once with a redirect) and following it to the target's
/// loopback listener. The config it writes then loads records.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed partial class LoginCommandTests : EmulatorTestBase
{
    [GeneratedRegex(@"00D[0-9A-Za-z]{12}!AQ[0-9A-Za-z._]{8,}")]
    private static partial Regex AccessToken();

    private static readonly HttpClient Browser = new(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

    private string Domain => Emulator.BaseUrl.ToString().TrimEnd('/');

    /// <summary>What a login left: its exit and output, the page the browser ended on, the code it carried.</summary>
    private sealed record LoginRun(TargetResult Result, HttpStatusCode PageStatus, string Page, string? Code);

    private async Task<LoginRun> LogInAsync(string output, string? clientSecret, Func<Uri, Uri>? tamper = null, params string[] more)
    {
        var environment = clientSecret is null ? null : new Dictionary<string, string> { ["TARGET_SALESFORCE_CLIENT_SECRET"] = clientSecret };
        using var target = RunningTarget.Start(
            ["login", "--domain", Domain, "--client-id", EmulatorCredentials.ClientId, "--port", "0", "--no-browser", "--output", output, .. more], environment);

        var url = await target.NextLineAsync() ?? throw new AssertionException("login printed no URL: " + (await target.WaitAsync()));
        Assert.That(url, Does.StartWith(Domain + "/services/oauth2/authorize?"), "the URL to open, alone on its line");
        using var authorize = await Browser.GetAsync(url);
        Assert.That(authorize.StatusCode, Is.EqualTo(HttpStatusCode.Found), await authorize.Content.ReadAsStringAsync());
        var redirect = tamper?.Invoke(authorize.Headers.Location!) ?? authorize.Headers.Location!;
        using var page = await Browser.GetAsync(redirect);
        var code = System.Web.HttpUtility.ParseQueryString(authorize.Headers.Location!.Query)["code"];
        return new LoginRun(await target.WaitAsync(), page.StatusCode, await page.Content.ReadAsStringAsync(), code);
    }

    [Test]
    public async Task Login_writes_a_private_config_whose_refresh_token_loads_records()
    {
        using var folder = new TempFolder();
        var output = folder.File("target.json");
        // Bulk for the small load below: the accounting invariant reads the jobs' result files.
        await File.WriteAllTextAsync(output, """{"action": "upsert", "external_id_name": "External_Id__c", "rest_threshold_rows": 0}""");

        var login = await LogInAsync(output, EmulatorCredentials.ClientSecret);

        Assert.That(login.Result.ExitCode, Is.Zero, login.Result.ToString);
        Assert.That(login.PageStatus, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(login.Page, Does.Contain("logged in"));
        Assert.That(File.GetUnixFileMode(output), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        var config = JObject.Parse(await File.ReadAllTextAsync(output));
        Assert.That((string?)config["auth_flow"], Is.EqualTo("refresh_token"));
        Assert.That((string?)config["client_id"], Is.EqualTo(EmulatorCredentials.ClientId));
        Assert.That((string?)config["domain"], Is.EqualTo(Domain));
        Assert.That((string?)config["action"], Is.EqualTo("upsert"), "the settings already there are kept");
        var refreshToken = (string)config["refresh_token"]!;
        Assert.That(refreshToken, Is.Not.EqualTo(EmulatorCredentials.RefreshToken), "a refresh token of its own");

        var everything = login.Result.Stdout + login.Result.Stderr;
        Assert.That(everything, Does.Not.Contain(refreshToken).And.Not.Contain(login.Code!).And.Not.Contain(EmulatorCredentials.ClientSecret));
        Assert.That(AccessToken().IsMatch(everything), Is.False, "no access token is printed");
        Assert.That(login.Page, Does.Not.Contain(login.Code!).And.Not.Contain(refreshToken));

        var input = AccountFeed.Distinct(12, stateEvery: 4);
        var run = await TargetProcess.RunAsync(["--config", output], input.ToString());

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(await Org.CountAsync("Account"), Is.EqualTo(12));
        await AccountingInvariant.AssertHoldsAsync(input.ToString(), run, Org, "Account", AccountFeed.Key, null);
    }

    [Test]
    public async Task An_app_that_requires_no_secret_logs_in_without_one_and_the_config_works()
    {
        Emulator.Credentials.AddApp(new SalesforceEmulator.Auth.ConnectedApp("public-app", null));
        using var folder = new TempFolder();
        var output = folder.File("target.json");
        var environment = new Dictionary<string, string>();
        using var target = RunningTarget.Start(
            ["login", "--domain", Domain, "--client-id", "public-app", "--port", "0", "--no-browser", "--output", output], environment);
        using var authorize = await Browser.GetAsync(await target.NextLineAsync());
        using var page = await Browser.GetAsync(authorize.Headers.Location!);
        var result = await target.WaitAsync();

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var config = JObject.Parse(await File.ReadAllTextAsync(output));
        Assert.That(config.ContainsKey("client_secret"), Is.False);
        config["action"] = "insert";
        config["table_name"] = "Account";
        await File.WriteAllTextAsync(output, config.ToString());
        var test = await TargetProcess.RunAsync(["--config", output, "--test-connection"]);
        Assert.That(test.ExitCode, Is.Zero, test.ToString);
        Assert.That(test.Stderr, Does.Contain("with the OAuth refresh token flow"));
    }

    [Test]
    public async Task A_wrong_client_secret_fails_in_salesforces_words_and_writes_nothing()
    {
        using var folder = new TempFolder();
        var output = folder.File("target.json");

        var login = await LogInAsync(output, "cs-SECRET-wrong-2221");

        Assert.That(login.Result.ExitCode, Is.EqualTo(1), login.Result.ToString);
        Assert.That(login.Result.Stderr, Does.Contain("Login failed").And.Contain("invalid_client: invalid client credentials"));
        Assert.That(login.Result.Stderr + login.Result.Stdout + login.Page, Does.Not.Contain("cs-SECRET-wrong-2221"));
        Assert.That(login.PageStatus, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(File.Exists(output), Is.False);
    }

    [Test]
    public async Task A_redirect_that_this_login_did_not_start_is_refused()
    {
        using var folder = new TempFolder();
        var output = folder.File("target.json");

        var login = await LogInAsync(output, EmulatorCredentials.ClientSecret,
            tamper: location => new Uri(location.GetLeftPart(UriPartial.Path) + "?code=aPrxForged&state=forged"));

        Assert.That(login.Result.ExitCode, Is.EqualTo(1), login.Result.ToString);
        Assert.That(login.Result.Stderr, Does.Contain("state"));
        Assert.That(File.Exists(output), Is.False);
    }

    [Test]
    public async Task A_refusal_sent_back_by_salesforce_is_reported()
    {
        using var folder = new TempFolder();
        var output = folder.File("target.json");

        var login = await LogInAsync(output, EmulatorCredentials.ClientSecret,
            tamper: location => new Uri(location.GetLeftPart(UriPartial.Path) + "?error=access_denied&error_description=end-user%20denied%20authorization"));

        Assert.That(login.Result.ExitCode, Is.EqualTo(1), login.Result.ToString);
        Assert.That(login.Result.Stderr, Does.Contain("access_denied: end-user denied authorization"));
    }

    [Test]
    public async Task Usage_errors_exit_2_and_the_secret_is_never_a_flag()
    {
        var missing = await TargetProcess.RunAsync(["login", "--domain", Domain]);
        var secretFlag = await TargetProcess.RunAsync(["login", "--client-id", "x", "--output", "o.json", "--client-secret", "cs-SECRET-flag-11"]);
        var help = await TargetProcess.RunAsync(["login", "--help"]);

        Assert.That(missing.ExitCode, Is.EqualTo(2), missing.ToString);
        Assert.That(missing.Stderr, Does.Contain("--client-id and --output are required"));
        Assert.That(secretFlag.ExitCode, Is.EqualTo(2), secretFlag.ToString);
        Assert.That(secretFlag.Stderr, Does.Contain("never a flag").And.Not.Contain("cs-SECRET-flag-11"));
        Assert.That(help.ExitCode, Is.Zero);
        Assert.That(help.Stdout, Does.Contain("--no-browser").And.Contain("TARGET_SALESFORCE_CLIENT_SECRET"));
    }
}

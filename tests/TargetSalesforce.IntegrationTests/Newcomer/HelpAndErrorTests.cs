using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Newcomer;

/// <summary>The first things a newcomer meets: `--help`, and the errors of a first, wrong try. Each error says what to do.</summary>
internal sealed class HelpAndErrorTests
{
    [Test]
    public async Task Help_shows_usage_the_flags_of_each_host_exit_codes_and_an_example_on_stdout()
    {
        var result = await TargetProcess.RunAsync(["--help"]);

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(result.Stderr, Is.Empty);
        Assert.That(result.Stdout, Does.StartWith("target-salesforce "));
        Assert.That(result.Stdout, Does.Contain("usage: target-salesforce --config FILE|ENV"));
        foreach (var section in new[] { "Singer and Meltano:", "Mage (the flags Mage passes to a destination):", "Exit codes:", "Example:" })
        {
            Assert.That(result.Stdout, Does.Contain(section));
        }

        foreach (var flag in new[] { "--config FILE", "--config ENV", "--input FILE", "--about", "--test-connection", "--dry-run", "--log-level LEVEL", "--config_json", "--state FILE", "--input_file_path", "--log_to_stdout" })
        {
            Assert.That(result.Stdout, Does.Contain(flag), "help names every flag");
        }

        var wide = result.StdoutLines.Where(l => l.Length > 100).ToList();
        Assert.That(wide, Is.Empty, "lines that wrap in a terminal");
    }

    [Test]
    public async Task An_unknown_option_names_it_shows_the_usage_and_points_to_help()
    {
        var result = await TargetProcess.RunAsync(["--confg", "target.json"]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
        Assert.That(result.Stderr, Does.Contain("unknown option --confg").And.Contain("usage:").And.Contain("--help"));
        Assert.That(result.Stdout, Is.Empty);
    }

    [Test]
    public async Task No_config_says_which_flags_give_one()
    {
        var result = await TargetProcess.RunAsync([], stdin: "");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
        Assert.That(result.Stderr, Does.Contain("--config FILE").And.Contain("--config ENV"));
    }

    [Test]
    public async Task A_config_without_credentials_names_the_settings_of_each_login()
    {
        using var folder = new TempFolder();
        var config = folder.File("target.json");
        await File.WriteAllTextAsync(config, """{"domain": "login", "action": "insert"}""");

        var result = await TargetProcess.RunAsync(["--config", config], stdin: "");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
        Assert.That(result.Stderr, Does.Contain("client_id, client_secret and refresh_token").And.Contain("username and password"));
    }

    [Test]
    public async Task A_wrong_choice_lists_the_right_ones_readably_even_with_placeholder_secrets()
    {
        using var folder = new TempFolder();
        var config = folder.File("target.json");
        // A first try often has placeholders for secrets; masking "x" must not shred the message.
        await File.WriteAllTextAsync(config, """{"domain": "login", "action": "merge", "client_id": "x", "client_secret": "x", "refresh_token": "y"}""");

        var result = await TargetProcess.RunAsync(["--config", config], stdin: "");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
        Assert.That(result.Stderr, Does.Contain("The config is invalid"));
        Assert.That(result.Stderr, Does.Contain("action: \"merge\" is not one of insert, update, upsert, delete, hard_delete"));
    }

    [Test]
    public async Task A_host_that_does_not_resolve_fails_the_connection_test_at_once_naming_it()
    {
        var result = await TestConnectionAsync("https://no-such-org.invalid");

        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString);
        Assert.That(result.Stderr, Does.Contain("no-such-org.invalid does not resolve"));
        Assert.That(result.Stderr, Does.Not.Contain("retry"), "an error that cannot go away is not retried");
    }

    [Test]
    public async Task A_refused_connection_fails_the_connection_test_at_once_naming_the_host_and_port()
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop(); // nothing listens there now
        }

        var result = await TestConnectionAsync($"http://127.0.0.1:{port}");

        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString);
        Assert.That(result.Stderr, Does.Contain($"127.0.0.1:{port} refused the connection"));
        Assert.That(result.Stderr, Does.Not.Contain("retry"), "an error that cannot go away is not retried");
    }

    private static async Task<TargetResult> TestConnectionAsync(string domain)
    {
        using var folder = new TempFolder();
        var config = folder.File("target.json");
        await File.WriteAllTextAsync(config, $$"""{"domain": "{{domain}}", "action": "insert", "client_id": "client", "client_secret": "secret-value", "refresh_token": "refresh-value"}""");
        return await TargetProcess.RunAsync(["--config", config, "--test-connection"], stdin: "");
    }

    [Test]
    public async Task A_missing_input_file_is_named()
    {
        using var folder = new TempFolder();
        var config = folder.File("target.json");
        await File.WriteAllTextAsync(config, """{"domain": "login", "action": "insert", "client_id": "client", "client_secret": "secret-value", "refresh_token": "refresh-value"}""");

        var result = await TargetProcess.RunAsync(["--config", config, "--input", "records.singer"], workingDirectory: folder.Path);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
        Assert.That(result.Stderr, Does.Contain("--input records.singer: file not found"));
    }

    [Test]
    public async Task Input_that_is_not_Singer_names_the_line_and_what_is_wrong()
    {
        using var folder = new TempFolder();
        var config = folder.File("target.json");
        await File.WriteAllTextAsync(config, """{"domain": "login", "action": "insert", "client_id": "client", "client_secret": "secret-value", "refresh_token": "refresh-value"}""");

        var result = await TargetProcess.RunAsync(["--config", config], stdin: "{\"type\": \"STATE\", \"value\": {}}\nid,name\n");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.Stderr, Does.Contain("line 2").And.Contain("not valid JSON"));
    }
}

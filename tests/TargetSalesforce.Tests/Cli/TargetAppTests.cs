using Newtonsoft.Json.Linq;
using TargetSalesforce.Cli;
using TargetSalesforce.Configuration;

namespace TargetSalesforce.Tests.Cli;

public class TargetAppTests
{
    private const string Secret = "Sup3r-S3cret-Value";

    [OneTimeTearDown]
    public void DeleteConfigFiles() => AppRun.DeleteConfigFiles();

    [Test]
    public void An_internal_error_names_the_fault_beneath_a_type_initializer()
    {
        var fault = new TypeInitializationException("Some.Type", new InvalidOperationException("the real cause"));

        Assert.That(TargetApp.Describe(fault), Does.StartWith("TypeInitializationException: ")
            .And.EndWith(" <- InvalidOperationException: the real cause"));
        Assert.That(TargetApp.Describe(new IOException("disk full")), Is.EqualTo("IOException: disk full"));
    }

    [Test]
    public void Help_lists_both_flag_groups_and_the_exit_codes()
    {
        var run = AppRun.Of("--help");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok));
        Assert.That(run.Stdout, Does.Contain("Singer and Meltano:").And.Contain("Mage (").And.Contain("Exit codes:"));
        foreach (var flag in new[] { "--config", "--input", "--about", "--format", "--test-connection", "--version", "--config_json",
                     "--settings", "--state", "--input_file_path", "--log_to_stdout", "--catalog_json", "--debug", "--test_connection", "--show_templates" })
        {
            Assert.That(run.Stdout, Does.Contain("  " + flag), flag);
        }

        Assert.That(run.Stderr, Is.Empty);
    }

    [Test]
    public void Version_prints_name_and_version()
    {
        var run = AppRun.Of("--version");

        Assert.That((run.ExitCode, run.Stdout), Is.EqualTo((0, $"target-salesforce v{ProductInfo.Version}\n")));
        Assert.That(ProductInfo.Version, Is.EqualTo("0.1.0"));
    }

    [Test]
    public void About_json_is_pure_json_with_every_setting_and_never_a_value()
    {
        var run = AppRun.Of("--about", "--format", "json", "--config_json", $"{{\"client_secret\":\"{Secret}\"}}");

        Assert.That(run.ExitCode, Is.Zero);
        var about = JObject.Parse(run.Stdout);
        Assert.That((string?)about["name"], Is.EqualTo("target-salesforce"));
        Assert.That((string?)about["version"], Is.EqualTo(ProductInfo.Version));
        Assert.That((string?)about["description"], Is.Not.Empty);
        Assert.That(about["capabilities"]!.Values<string>(), Does.Contain("about").And.Contain("structured-logging").And.Not.Contain("stream-maps"));
        var properties = (JObject)about["settings"]!["properties"]!;
        Assert.That(properties.Properties().Select(p => p.Name), Is.EquivalentTo(SettingsSchema.Instance.Settings.Select(s => s.Name)));
        Assert.That((bool?)properties["refresh_token"]!["secret"], Is.True);
        Assert.That((string?)properties["log_format"]!["default"], Is.EqualTo("text"));
        Assert.That(run.Stdout, Does.Not.Contain(Secret));
    }

    [Test]
    public void About_markdown_has_a_row_for_every_user_setting()
    {
        var run = AppRun.Of("--about", "--format", "markdown");

        var rows = run.Stdout.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();
        var userSettings = SettingsSchema.Instance.Settings.Where(s => !s.IsHidden).ToList();
        Assert.That(rows, Has.Count.EqualTo(userSettings.Count));
        foreach (var setting in userSettings)
        {
            Assert.That(rows, Has.One.StartsWith($"| `{setting.Name}` |"), setting.Name);
        }

        Assert.That(rows, Has.One.Contains("`client_secret` | string (secret)"));
        Assert.That(rows, Has.One.StartsWith("| `batch_size_rows` | integer |  | `10000` |"));
        Assert.That(rows, Has.One.StartsWith("| `action` | `insert` \\| `update`"));
    }

    [Test]
    public void Show_templates_prints_mage_config_template_as_one_json_line()
    {
        var run = AppRun.Of("--config_json", "{}", "--show_templates");

        Assert.That(run.ExitCode, Is.Zero);
        Assert.That(run.Stdout.TrimEnd('\n'), Does.Not.Contain('\n'));
        var config = (JObject)JObject.Parse(run.Stdout)["config"]!;
        Assert.That(config.Properties().Select(p => p.Name), Is.SubsetOf(SettingsSchema.Instance.Settings.Select(s => s.Name)));
        Assert.That(config.Properties().Select(p => p.Name), Does.Contain("domain").And.Contain("action").And.Contain("refresh_token"));
    }

    [Test]
    public void A_bad_flag_prints_usage_on_stderr_and_exits_2()
    {
        var run = AppRun.Of("--config", "x.json", "--batch_size", "5");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageOrConfig));
        Assert.That(run.Stdout, Is.Empty);
        Assert.That(run.Stderr, Does.StartWith("target-salesforce: error: unknown option --batch_size\nusage: target-salesforce"));
    }

    [Test]
    public void A_bad_config_reports_every_problem_without_secrets_and_exits_2()
    {
        var run = AppRun.Of(
            "--config", AppRun.ConfigFile($"{{\"client_secret\":\"{Secret}\",\"password\":7,\"action\":\"merge\",\"max_parallel_jobs\":0}}"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageOrConfig));
        Assert.That(run.Stderr, Does.Contain("config: action: \"merge\" is not one of insert, update, upsert, delete, hard_delete"));
        Assert.That(run.Stderr, Does.Contain("config: domain: is required"));
        Assert.That(run.Stderr, Does.Contain("config: max_parallel_jobs: 0 is out of range (at least 1, at most 100)"));
        Assert.That(run.Stderr, Does.Contain("config: password: must be a string, not a number (value hidden)"));
        Assert.That(run.Stderr, Does.Contain("config: client_id: is required for OAuth login"));
        Assert.That(run.Stderr, Does.Contain("config: username: is required for password login"));
        Assert.That(run.Stderr, Does.Not.Contain(Secret));
    }

    [Test]
    public void A_config_error_with_log_to_stdout_is_one_mage_exception_line_on_stdout()
    {
        var run = AppRun.Of("--config_json", "{\"action\":\"merge\"}", "--log_to_stdout", "1");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        var line = JObject.Parse(run.Stdout);
        Assert.That((string?)line["level"], Is.EqualTo("EXCEPTION"));
        Assert.That((string?)line["tags"]!["error"], Does.Contain("config: action: \"merge\""));
    }

    [Test]
    public void A_mage_connection_test_with_bad_config_puts_an_ERROR_line_on_stderr()
    {
        var run = AppRun.Of("--config_json", "{\"domain\":\"login\"}", "--test_connection");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        var line = run.Stderr.Split('\n')[0];
        Assert.That(line, Does.StartWith("ERROR {"));
        Assert.That((string?)JObject.Parse(line["ERROR ".Length..])["tags"]!["error"], Does.Contain("config: action: is required"));
    }

    [Test]
    public void Json_log_format_is_honoured_for_config_errors()
    {
        var run = AppRun.Of("--config_json", "{\"log_format\":\"json\",\"domain\":\"login\"}");

        var line = JObject.Parse(run.Stderr);
        Assert.That((string?)line["level"], Is.EqualTo("critical"));
        Assert.That((string?)line["message"], Does.Contain("config: action: is required"));
    }

    private static readonly string ValidConfig =
        "{\"domain\":\"login\",\"action\":\"insert\",\"username\":\"u\",\"password\":\"" + Secret + "\"}";

    [Test]
    public void A_missing_input_file_is_named_with_its_flag_and_exits_2()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "in.jsonl");

        var run = AppRun.Of("--config_json", ValidConfig, "--input_file_path", missing);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.Contain($"--input_file_path {missing}: file not found."));
    }

    [Test]
    public void A_state_file_in_a_missing_folder_exits_2()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "state.json");

        var run = AppRun.Of("--config_json", ValidConfig, "--state", missing);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Does.Contain($"--state {missing}: the folder"));
    }

    [Test]
    public void Unknown_settings_are_warned_about_by_name()
    {
        var run = AppRun.Of(
            new Dictionary<string, string>(), "",
            "--config", AppRun.ConfigFile(ValidConfig.Replace("}", ",\"batchsize\":5}", StringComparison.Ordinal)));

        Assert.That(run.Stderr, Does.Contain("WARN  config: batchsize: is not a known setting and is ignored"));
        Assert.That(run.Stderr, Does.Not.Contain(Secret));
    }
}

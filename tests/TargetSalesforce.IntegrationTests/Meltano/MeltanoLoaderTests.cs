using Newtonsoft.Json.Linq;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Meltano;

/// <summary>
/// The target run the way Meltano runs a custom loader (singer-meltano.md 2.9): one `--config`
/// naming the JSON file Meltano generates under `.meltano/run/`, the tap's output on stdin, the
/// project as working directory, Meltano's environment variables set. Meltano's BookmarkWriter
/// `json.loads` every stdout line and stores the last as the job's state; its log parser reads stderr.
/// </summary>
internal sealed class MeltanoLoaderTests : EmulatorTestBase
{
    private static readonly string[] StructuredLogKeys =
        ["level", "pid", "logger_name", "ts", "thread_name", "app_name", "stream_name", "message"];

    private static readonly JObject AccountSchema = SingerStream.ObjectSchema(new Dictionary<string, string>
    {
        ["External_Id__c"] = "string",
        ["Name"] = "string",
        ["updated_at"] = "date-time",
    });

    [Test]
    public async Task Stdout_holds_only_the_states_Meltano_stores_and_the_last_is_the_final_checkpoint()
    {
        var input = TapOutput(out var finalState);
        using var project = new TempFolder();
        var configFile = project.File($".meltano/run/target-salesforce/target.{Guid.NewGuid()}.config.json");
        await File.WriteAllTextAsync(configFile, LoaderConfig(logFormat: "text").ToString());

        var result = await TargetProcess.RunAsync(
            ["--config", configFile], input.ToString(), MeltanoEnvironment(), workingDirectory: project.Path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var inputStates = input.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(JObject.Parse).Where(l => (string?)l["type"] == "STATE").Select(l => l["value"]!).ToList();
        var stored = result.StdoutLines.Select((line, i) => StrictJson.Parse(line, $"stdout line {i + 1}")).ToList();
        Assert.That(stored, Is.Not.Empty, "Meltano would store no state");
        foreach (var state in stored)
        {
            Assert.That(inputStates.Any(s => JToken.DeepEquals(s, state)), Is.True, $"stdout line {state} is not a state the tap sent");
        }

        Assert.That(JToken.DeepEquals(stored[^1], finalState), Is.True, $"the last state is {stored[^1]}, not the tap's final {finalState}");
        Assert.That(await Org.CountAsync("Account"), Is.EqualTo(4));
    }

    [Test]
    public async Task Log_format_json_gives_every_stderr_line_the_keys_Meltano_parses()
    {
        var input = TapOutput(out _);
        using var project = new TempFolder();
        var configFile = project.File($".meltano/run/target-salesforce/target.{Guid.NewGuid()}.config.json");
        await File.WriteAllTextAsync(configFile, LoaderConfig(logFormat: "json").ToString());

        var result = await TargetProcess.RunAsync(
            ["--config", configFile], input.ToString(), MeltanoEnvironment(), workingDirectory: project.Path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Is.Not.Empty);
        var logs = lines.Select((line, i) => StrictJson.Parse(line, $"stderr line {i + 1}")).ToList();
        foreach (var log in logs)
        {
            Assert.That(log, Is.TypeOf<JObject>());
            var missing = StructuredLogKeys.Where(k => !((JObject)log).ContainsKey(k)).ToList();
            Assert.That(missing, Is.Empty, $"Meltano's parser would pass this line through as text: {log}");
            Assert.That((string?)log["level"], Is.AnyOf("debug", "info", "warning", "error", "critical"));
            Assert.That((string?)log["app_name"], Is.EqualTo("target-salesforce"));
        }

        Assert.That(logs.Any(l => (string?)l["stream_name"] == "accounts"), Is.True, "no line names the stream it concerns");
        var metric = logs.FirstOrDefault(l => (string?)l["message"] == "METRIC");
        Assert.That(metric, Is.Not.Null, "no METRIC line");
        Assert.That((string?)metric!["metric_info"]?["metric"], Is.EqualTo("record_count"));
        Assert.That((long?)metric["metric_info"]?["value"], Is.EqualTo(4));
    }

    [Test]
    public async Task Config_ENV_reads_the_settings_Meltano_exports_and_they_win_over_a_file()
    {
        var input = TapOutput(out var finalState);
        using var project = new TempFolder();
        // A file that points the stream at the wrong object; the environment corrects it.
        var configFile = project.File("target.json");
        await File.WriteAllTextAsync(configFile, LoaderConfig(logFormat: "text", objectName: "Lead").ToString());
        var environment = new Dictionary<string, string>
        {
            ["TARGET_SALESFORCE_DOMAIN"] = Emulator.BaseUrl.ToString().TrimEnd('/'),
            ["TARGET_SALESFORCE_CLIENT_ID"] = EmulatorCredentials.ClientId,
            ["TARGET_SALESFORCE_CLIENT_SECRET"] = EmulatorCredentials.ClientSecret,
            ["TARGET_SALESFORCE_REFRESH_TOKEN"] = EmulatorCredentials.RefreshToken,
            ["TARGET_SALESFORCE_ACTION"] = "upsert",
            ["TARGET_SALESFORCE_EXTERNAL_ID_NAME"] = "External_Id__c",
            ["TARGET_SALESFORCE_STREAMS"] = """{"accounts": {"object": "Account"}}""",
            ["TARGET_SALESFORCE_ALLOW_FAILURES"] = "false",
            ["TARGET_SALESFORCE_POLL_INTERVAL_SECONDS"] = "0.05",
        };

        var result = await TargetProcess.RunAsync(
            ["--config", configFile, "--config", "ENV"], input.ToString(), environment, workingDirectory: project.Path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(JToken.DeepEquals(StrictJson.Parse(result.StdoutLines[^1], "the last stdout line"), finalState), Is.True);
        Assert.That(await Org.CountAsync("Account"), Is.EqualTo(4));
        Assert.That(await Org.CountAsync("Lead"), Is.Zero);
    }

    /// <summary>What a tap sends: a schema, records, and states between them; the last state is returned.</summary>
    private static SingerStream TapOutput(out JToken finalState)
    {
        var input = new SingerStream().Schema("accounts", AccountSchema, "External_Id__c");
        for (var i = 1; i <= 4; i++)
        {
            var updated = $"2026-11-0{i}T09:00:00Z";
            input.Record("accounts", new { External_Id__c = $"M-{i}", Name = $"Meltano account {i}", updated_at = updated });
            if (i % 2 == 0)
            {
                input.State(new { bookmarks = new { accounts = new { updated_at = updated } } });
            }
        }

        // Parsed as Meltano's stdout lines are, so dates compare as dates.
        finalState = JToken.Parse("""{"bookmarks": {"accounts": {"updated_at": "2026-11-04T09:00:00Z"}}}""");
        return input;
    }

    /// <summary>The config Meltano writes from meltano.yml's settings for this project.</summary>
    private JObject LoaderConfig(string logFormat, string objectName = "Account")
    {
        using var config = TargetConfig.For(Emulator.BaseUrl, new
        {
            action = "upsert",
            external_id_name = "External_Id__c",
            log_format = logFormat,
            streams = new { accounts = new { @object = objectName } },
        });
        return config.Values;
    }

    /// <summary>Variables Meltano sets for a loader (its settings are exported too, but `--config FILE` alone reads only the file).</summary>
    private static Dictionary<string, string> MeltanoEnvironment() => new()
    {
        ["MELTANO_LOADER_NAME"] = "target-salesforce",
        ["MELTANO_LOADER_NAMESPACE"] = "target_salesforce",
        ["MELTANO_LOAD_ACTION"] = "upsert",
        ["MELTANO_EXTRACTOR_NAME"] = "tap-csv",
        ["TARGET_SALESFORCE_ACTION"] = "upsert",
    };
}

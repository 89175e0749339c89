using Newtonsoft.Json.Linq;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Mage;

/// <summary>
/// The files Mage prepares for a destination run (mage.md 1.2–1.7): the input file (the source's
/// stdout and stderr merged, so log lines sit among the Singer messages), the state file Mage
/// creates with empty bookmarks before the run, and the data exporter's YAML settings.
/// </summary>
internal sealed class MageRun : IDisposable
{
    private readonly TempFolder folder = new();

    public MageRun(string input, JObject config)
    {
        InputFile = folder.File("source_output.json");
        File.WriteAllText(InputFile, input);
        StateFile = folder.File("destination_state.json");
        File.WriteAllText(StateFile, """{"bookmarks": {}}""" + "\n");
        SettingsFile = folder.File("data_exporter.yaml");
        // The block's YAML; with --config_json given, the target must not need it.
        File.WriteAllText(SettingsFile, "config:\n  domain: login\n  action: insert\n");
        ConfigJson = config.ToString(Newtonsoft.Json.Formatting.None);
    }

    public string InputFile { get; }

    public string StateFile { get; }

    public string SettingsFile { get; }

    public string ConfigJson { get; }

    /// <summary>The classic data-integration pipeline's argument list (`block/integration/__init__.py`).</summary>
    public string[] ClassicArguments =>
        ["--config_json", ConfigJson, "--log_to_stdout", "1", "--settings", SettingsFile, "--state", StateFile, "--input_file_path", InputFile];

    /// <summary>The batch pipelines' argument list (`data_integration/utils.py`): config last, a catalog before it.</summary>
    public string[] BlockArguments(JObject catalog) =>
        ["--log_to_stdout", "1", "--state", StateFile, "--input_file_path", InputFile, "--catalog_json", catalog.ToString(Newtonsoft.Json.Formatting.None), "--config_json", ConfigJson];

    /// <summary>The state file as Mage reads it: one JSON document (scheduler.py parses it whole).</summary>
    public JToken State() => StrictJson.Parse(File.ReadAllText(StateFile), "the --state file");

    /// <summary>Each stdout line as Mage's `print_log_from_line` sees it; every one must be a LOG line.</summary>
    public static IReadOnlyList<JObject> LogLines(TargetResult result)
    {
        var logs = new List<JObject>();
        foreach (var (line, i) in result.StdoutLines.Select((l, i) => (l, i)))
        {
            var token = StrictJson.Parse(line, $"stdout line {i + 1}");
            Assert.That(token, Is.TypeOf<JObject>(), $"stdout line {i + 1}");
            var log = (JObject)token;
            Assert.That((string?)log["type"], Is.EqualTo("LOG"), $"stdout line {i + 1} is not a Mage LOG line: {line}");
            foreach (var key in new[] { "caller", "level", "message", "tags", "timestamp", "uuid" })
            {
                Assert.That(log.ContainsKey(key), Is.True, $"stdout line {i + 1} lacks {key}: {line}");
            }

            logs.Add(log);
        }

        return logs;
    }

    /// <summary>The levels that make Mage raise and fail the block, whatever the exit code.</summary>
    public static bool FailsTheBlock(JObject log) => (string?)log["level"] is "ERROR" or "EXCEPTION";

    public void Dispose() => folder.Dispose();
}

using Newtonsoft.Json.Linq;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Mage;

/// <summary>What Mage asks of a destination before any run: its config template (`--show_templates`).</summary>
internal sealed class MageTemplateTests
{
    [Test]
    public async Task Show_templates_prints_the_shipped_config_template_as_one_JSON_line()
    {
        var result = await TargetProcess.RunAsync(["--config_json", "{}", "--show_templates"]);

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(result.StdoutLines, Has.Count.EqualTo(1));
        var shown = StrictJson.Parse(result.StdoutLines[0], "the template line");
        var shipped = JObject.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Examples, "mage", "templates", "config.json")));
        Assert.That(JToken.DeepEquals(shown["config"], shipped), Is.True, shown.ToString());
    }

    [Test]
    public async Task The_python_shim_passes_show_templates_through()
    {
        var python = PythonShim.Python ?? throw new IgnoreException("python3 is not on PATH");

        var result = await TargetProcess.RunAsync(
            ["--config_json", "{}", "--show_templates"],
            environment: new Dictionary<string, string> { ["TARGET_SALESFORCE_EXECUTABLE"] = RepoPaths.TargetForShims },
            launch: new TargetLaunch { Command = [python, PythonShim.Module] });

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(StrictJson.Parse(result.StdoutLines.Single(), "the template line")["config"]?["action"]?.ToString(), Is.EqualTo("insert"));
    }

    [Test]
    public async Task The_python_shim_says_what_to_do_when_the_executable_is_missing()
    {
        var python = PythonShim.Python ?? throw new IgnoreException("python3 is not on PATH");

        var result = await TargetProcess.RunAsync(
            ["--config_json", "{}", "--test_connection"],
            environment: new Dictionary<string, string> { ["TARGET_SALESFORCE_EXECUTABLE"] = "", ["PATH"] = PathWithoutTheTarget() },
            launch: new TargetLaunch { Command = [python, PythonShim.Module] });

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Stderr, Does.StartWith("ERROR").And.Contain("TARGET_SALESFORCE_EXECUTABLE"));
        var json = (JObject)StrictJson.Parse(result.Stderr[result.Stderr.IndexOf('{', StringComparison.Ordinal)..].Trim(), "the JSON of the ERROR line");
        Assert.That((string?)json["tags"]?["error"], Does.Contain("TARGET_SALESFORCE_EXECUTABLE"), "Mage shows tags.error of a failed connection test");
    }

    /// <summary>PATH as it is (python3 may be a wrapper that needs it) less any folder holding a target-salesforce.</summary>
    private static string PathWithoutTheTarget() => string.Join(
        Path.PathSeparator,
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Where(folder => folder.Length > 0 && !File.Exists(Path.Combine(folder, "target-salesforce"))));
}

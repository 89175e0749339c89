using TargetSalesforce.Configuration;

namespace TargetSalesforce.Tests.Configuration;

/// <summary>The example configs a newcomer copies must pass validation as shipped.</summary>
public class ExampleConfigTests
{
    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "TargetSalesforce.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("TargetSalesforce.sln not found above the test output.");
    }

    private static IEnumerable<string> ExampleConfigs() =>
        Directory.GetFiles(Path.Combine(RepositoryRoot(), "examples", "config"), "*.json").Order();

    [TestCaseSource(nameof(ExampleConfigs))]
    public void Example_config_is_valid(string path)
    {
        var configuration = TargetConfiguration.Load(
            new ConfigRequest([path], null, null), new Dictionary<string, string>(), Path.GetTempPath());

        Assert.That(configuration.Warnings, Is.Empty);
    }

    [Test]
    public void Every_login_flow_has_an_example()
    {
        var flows = ExampleConfigs()
            .Select(path => TargetConfiguration.Load(new ConfigRequest([path], null, null), new Dictionary<string, string>(), Path.GetTempPath()))
            .Select(configuration => configuration.Settings.AuthFlow);

        Assert.That(flows, Is.SupersetOf(Enum.GetValues<AuthFlow>().Where(flow => flow != AuthFlow.Auto)));
        Assert.That(ExampleConfigs().Select(Path.GetFileName), Is.SupersetOf(new[] { "emulator.json", "oauth.json", "password.json" }));
    }

    [Test]
    public void Every_emulator_start_the_docs_pair_with_the_emulator_config_uses_the_port_that_config_names()
    {
        // Issue 13: the README started the emulator on --port 0 while emulator.json named 5555, so the Mage check failed.
        var config = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "examples", "config", "emulator.json")));
        var port = new Uri((string)config["domain"]!).Port;
        foreach (var doc in new[] { "README.md", Path.Combine("examples", "mage", "README.md") })
        {
            var starts = File.ReadAllLines(Path.Combine(RepositoryRoot(), doc))
                .Where(line => line.Contains("--project", StringComparison.Ordinal) && line.Contains("SalesforceEmulator -- --port", StringComparison.Ordinal))
                .ToList();
            Assert.That(starts, Is.Not.Empty, doc);
            Assert.That(starts, Has.All.Contain($"--port {port}"), doc);
        }
    }
}

using Newtonsoft.Json.Linq;
using TargetSalesforce.IntegrationTests.Support;
using YamlDotNet.Serialization;

namespace TargetSalesforce.IntegrationTests.Meltano;

/// <summary>
/// `packaging/meltano-hub/target-salesforce.yml` is generated from `--about --format json` (the settings schema)
/// and must stay equal to it, as the README's settings table does. UPDATE_GENERATED_FILES=1 rewrites the file
/// instead of failing.
/// </summary>
internal sealed class MeltanoHubDefinitionTests
{
    /// <summary>Loader capabilities the Hub's loader schema (schemas/common/loaders_specific.schema.json) and its definitions use.</summary>
    private static readonly string[] HubLoaderCapabilities =
        ["about", "stream-maps", "activate-version", "batch", "soft-delete", "hard-delete", "datatype-failsafe", "schema-flattening", "target-schema", "validate-records", "structured-logging"];

    /// <summary>The setting kinds the Hub's setting schema accepts (less the deprecated `password` and `hidden`).</summary>
    private static readonly string[] HubKinds =
        ["string", "integer", "decimal", "boolean", "date_iso8601", "email", "file", "array", "object", "options", "oauth"];

    private JObject about = null!;
    private string path = null!;

    [OneTimeSetUp]
    public async Task ReadAboutAsync()
    {
        var result = await TargetProcess.RunAsync(["--about", "--format", "json"]);
        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        about = (JObject)StrictJson.Parse(result.Stdout, "the stdout of --about --format json");
        path = Path.Combine(RepoPaths.Root, MeltanoHubDefinition.RelativePath);
    }

    [Test]
    public void The_hub_definition_is_the_one_generated_from_the_settings_schema()
    {
        var generated = MeltanoHubDefinition.Render(about);
        if (Environment.GetEnvironmentVariable("UPDATE_GENERATED_FILES") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.That(File.Exists(path), Is.True, $"{MeltanoHubDefinition.RelativePath} is missing");
        Assert.That(File.ReadAllText(path), Is.EqualTo(generated),
            $"{MeltanoHubDefinition.RelativePath} differs from the schema; regenerate it (the command is in its header)");
    }

    [Test]
    public void Every_setting_of_the_schema_is_defined_once_with_its_kind_secrecy_and_default()
    {
        var definition = ReadDefinition();
        var settings = ((JArray)definition["settings"]!).Cast<JObject>().ToList();
        var properties = ((JObject)about["settings"]!["properties"]!).Properties().ToList();

        Assert.That(settings.Select(s => (string?)s["name"]), Is.EqualTo(properties.Select(p => p.Name)), "the schema's settings, in its order");
        foreach (var property in properties)
        {
            var setting = settings.Single(s => (string?)s["name"] == property.Name);
            Assert.That((string?)setting["kind"], Is.AnyOf(HubKinds), property.Name);
            Assert.That((string?)setting["label"], Is.Not.Empty, property.Name);
            Assert.That((string?)setting["description"], Is.EqualTo((string?)property.Value["description"]), property.Name);
            Assert.That(setting["sensitive"]?.ToString() == "true", Is.EqualTo((bool?)property.Value["secret"] ?? false), $"{property.Name}: sensitive is the schema's secret");
            Assert.That(setting["hidden"]?.ToString() == "true", Is.EqualTo((bool?)property.Value["hidden"] ?? false), $"{property.Name}: hidden");
            if (property.Value["enum"] is JArray allowed)
            {
                Assert.That(((JArray)setting["options"]!).Select(o => (string?)o["value"]), Is.EqualTo(allowed.Select(v => (string?)v)), property.Name);
            }

            var fallback = property.Value["default"];
            Assert.That(setting["value"]?.ToString().ToLowerInvariant(), Is.EqualTo(fallback?.ToString(Newtonsoft.Json.Formatting.None).Trim('"').ToLowerInvariant()), $"{property.Name}: the default");
        }
    }

    [Test]
    public void The_plugin_fields_are_the_Hub_loader_ones_and_name_a_complete_login()
    {
        var definition = ReadDefinition();
        var names = ((JArray)definition["settings"]!).Select(s => (string)s["name"]!).ToHashSet();
        var groups = ((JArray)definition["settings_group_validation"]!).Select(g => g.Select(n => (string)n!).ToList()).ToList();

        foreach (var field in new[] { "name", "namespace", "variant", "pip_url", "executable", "capabilities", "settings" })
        {
            Assert.That(definition.ContainsKey(field), Is.True, $"the Hub needs {field}");
        }

        Assert.That((string?)definition["executable"], Is.EqualTo("target-salesforce"), "the script the wheel installs");
        Assert.That(definition["capabilities"]!.Select(c => (string)c!), Is.EquivalentTo(about["capabilities"]!.Select(c => (string)c!)));
        Assert.That(definition["capabilities"]!.Select(c => (string)c!), Is.SubsetOf(HubLoaderCapabilities));
        Assert.That(groups.SelectMany(g => g).Distinct(), Is.SubsetOf(names), "groups name known settings");
        var required = about["settings"]!["required"]!.Select(r => (string)r!).ToList();
        Assert.That(groups, Has.All.SupersetOf(required), "each group holds the settings every run needs");
        Assert.That(groups, Has.Some.SupersetOf(new[] { "client_id", "client_secret", "refresh_token" }));
        Assert.That(groups, Has.Some.SupersetOf(new[] { "username", "password" }));
    }

    private JObject ReadDefinition()
    {
        var yaml = new DeserializerBuilder().Build().Deserialize<object>(File.ReadAllText(path));
        return JObject.Parse(new SerializerBuilder().JsonCompatible().Build().Serialize(yaml!));
    }
}

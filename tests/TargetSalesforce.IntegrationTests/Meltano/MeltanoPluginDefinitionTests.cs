using Newtonsoft.Json.Linq;
using TargetSalesforce.IntegrationTests.Support;
using YamlDotNet.Serialization;

namespace TargetSalesforce.IntegrationTests.Meltano;

/// <summary>
/// `examples/meltano/meltano.yml` declares the loader by hand; `--about --format json` is what the
/// executable says of itself (and what MeltanoHub's tooling reads with one json.loads). The two must
/// agree: the same settings, kinds that fit the schema's types, secrets marked sensitive.
/// </summary>
internal sealed class MeltanoPluginDefinitionTests
{
    /// <summary>The loader capabilities Meltano's meltano.yml schema accepts (singer-meltano.md 2.2).</summary>
    private static readonly string[] MeltanoLoaderCapabilities =
        ["about", "stream-maps", "activate-version", "batch", "soft-delete", "hard-delete", "datatype-failsafe", "schema-flattening", "structured-logging"];

    private JObject about = null!;
    private JObject loader = null!;

    [OneTimeSetUp]
    public async Task ReadBothAsync()
    {
        var result = await TargetProcess.RunAsync(["--about", "--format", "json"]);
        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        // MeltanoHub's sdk_about json.loads the whole of stdout: one document, nothing else.
        about = (JObject)StrictJson.Parse(result.Stdout, "the stdout of --about --format json");

        var yaml = new DeserializerBuilder().Build().Deserialize<object>(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Examples, "meltano", "meltano.yml")));
        var json = JObject.Parse(new SerializerBuilder().JsonCompatible().Build().Serialize(yaml!));
        var loaders = (JArray)json["plugins"]!["loaders"]!;
        loader = (JObject)loaders.Single(l => (string?)l["name"] == "target-salesforce");
    }

    [Test]
    public void About_json_names_the_target_and_carries_the_settings_schema()
    {
        Assert.That((string?)about["name"], Is.EqualTo("target-salesforce"));
        Assert.That((string?)about["version"], Is.Not.Empty);
        Assert.That(about["settings"]?["properties"], Is.TypeOf<JObject>());
        Assert.That(about["capabilities"], Is.TypeOf<JArray>());
    }

    [Test]
    public void The_loader_installs_the_wheel_with_pip_and_runs_the_script_it_puts_in_bin()
    {
        // Packaging/PythonWheelTests installs the wheel with exactly this pip_url.
        Assert.That((string?)loader["pip_url"], Does.StartWith("target-salesforce ").And.Contain("--find-links"), "the wheel's distribution, from a folder of wheels");
        Assert.That((string?)loader["executable"], Is.EqualTo("target-salesforce"), "the script the wheel installs");
        Assert.That((string?)loader["namespace"], Is.EqualTo("target_salesforce"));
    }

    [Test]
    public void Meltano_yml_lists_exactly_the_settings_of_about()
    {
        var declared = Settings().Select(s => (string)s["name"]!).ToList();
        var schema = SchemaProperties().Select(p => p.Name).ToList();

        Assert.That(declared, Is.Unique);
        Assert.That(declared.Except(schema), Is.Empty, "meltano.yml declares settings the target does not know");
        Assert.That(schema.Except(declared), Is.Empty, "settings of --about missing from meltano.yml");
    }

    [Test]
    public void Each_kind_fits_the_schema_type_and_options_match_the_enum()
    {
        foreach (var property in SchemaProperties())
        {
            var setting = Setting(property.Name);
            var kind = (string?)setting["kind"] ?? "string";
            var schema = (JObject)property.Value;
            if (schema["enum"] is JArray allowed)
            {
                Assert.That(kind, Is.EqualTo("options"), $"{property.Name}: an enum is Meltano's `options` kind");
                var values = ((JArray?)setting["options"])?.Select(o => (string?)o["value"]).ToList();
                Assert.That(values, Is.EquivalentTo(allowed.Select(v => (string?)v)), $"{property.Name}: the options are the enum's values");
                continue;
            }

            var expected = SchemaType(schema) switch
            {
                "number" => "decimal",
                var type => type,
            };
            Assert.That(kind, Is.EqualTo(expected), $"{property.Name}: schema type {SchemaType(schema)}");
        }
    }

    [Test]
    public void Secrets_and_only_secrets_are_sensitive_and_hidden_settings_are_hidden()
    {
        foreach (var property in SchemaProperties())
        {
            var setting = Setting(property.Name);
            Assert.That(IsTrue(setting["sensitive"]), Is.EqualTo((bool?)property.Value["secret"] ?? false), $"{property.Name}: sensitive vs secret");
            Assert.That(IsTrue(setting["hidden"]), Is.EqualTo((bool?)property.Value["hidden"] ?? false), $"{property.Name}: hidden");
        }
    }

    [Test]
    public void A_default_in_meltano_yml_is_the_target_default()
    {
        foreach (var property in SchemaProperties())
        {
            var value = Setting(property.Name)["value"];
            if (value is null)
            {
                continue;
            }

            // Issue 13: `action` had a default of insert here while the target requires it.
            Assert.That(property.Value["default"], Is.Not.Null, $"{property.Name}: meltano.yml gives a default the target does not have");
            var fallback = property.Value["default"]!;

            // YAML scalars arrive as text; compare them as text.
            Assert.That(value.ToString().ToLowerInvariant(), Is.EqualTo(fallback.ToString(Newtonsoft.Json.Formatting.None).Trim('"').ToLowerInvariant()), property.Name);
        }
    }

    [Test]
    public void Capabilities_are_ones_Meltano_accepts_and_the_target_has()
    {
        var declared = ((JArray)loader["capabilities"]!).Select(c => (string)c!).ToList();
        var real = ((JArray)about["capabilities"]!).Select(c => (string)c!).ToList();

        Assert.That(declared, Is.SubsetOf(MeltanoLoaderCapabilities), "meltano.yml may list only capabilities its schema knows");
        Assert.That(declared, Is.SubsetOf(real), "meltano.yml claims a capability the target lacks");
        Assert.That(real.Intersect(MeltanoLoaderCapabilities), Is.SubsetOf(declared), "a capability the target has and Meltano knows is missing");
    }

    [Test]
    public void Settings_groups_name_known_settings_including_a_complete_login()
    {
        var names = Settings().Select(s => (string)s["name"]!).ToHashSet();
        var groups = ((JArray)loader["settings_group_validation"]!).Select(g => ((JArray)g).Select(n => (string)n!).ToList()).ToList();

        Assert.That(groups.SelectMany(g => g).Distinct(), Is.SubsetOf(names));
        Assert.That(groups, Has.Some.SupersetOf(new[] { "client_id", "client_secret", "refresh_token" }));
        Assert.That(groups, Has.Some.SupersetOf(new[] { "username", "password" }));
    }

    private IEnumerable<JProperty> SchemaProperties() => ((JObject)about["settings"]!["properties"]!).Properties();

    private IEnumerable<JObject> Settings() => ((JArray)loader["settings"]!).Cast<JObject>();

    private JObject Setting(string name) =>
        Settings().SingleOrDefault(s => (string?)s["name"] == name) ?? throw new AssertionException($"meltano.yml has no setting {name}");

    private static string SchemaType(JObject schema) => schema["type"] switch
    {
        JArray types => types.Select(t => (string)t!).Single(t => t != "null"),
        var type => (string)type!,
    };

    private static bool IsTrue(JToken? token) => token is not null && string.Equals(token.ToString(), "true", StringComparison.OrdinalIgnoreCase);
}

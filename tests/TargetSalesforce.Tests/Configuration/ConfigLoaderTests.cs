using Newtonsoft.Json.Linq;
using TargetSalesforce.Configuration;

namespace TargetSalesforce.Tests.Configuration;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class ConfigLoaderTests
{
    private readonly string folder = Directory.CreateTempSubdirectory("config-loader-").FullName;
    private readonly Dictionary<string, string> environment = new(StringComparer.Ordinal);

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private string File(string name, string text)
    {
        var path = Path.Combine(folder, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private JObject Load(string[] configs, string? configJson = null, string? settings = null) =>
        new ConfigLoader(SettingsSchema.Instance, environment, folder)
            .Load(new ConfigRequest(configs, configJson, settings));

    private List<string> Problems(string[] configs, string? configJson = null, string? settings = null)
    {
        var error = Assert.Throws<ConfigException>(() => Load(configs, configJson, settings));
        return error!.Problems.Select(p => p.ToString()).ToList();
    }

    [Test]
    public void Later_config_files_override_earlier_ones_key_by_key()
    {
        var first = File("a.json", "{\"domain\":\"login\",\"action\":\"insert\",\"batch_size_rows\":10}");
        var second = File("b.json", "{\"action\":\"upsert\"}");

        var config = Load([first, second]);

        Assert.That((string?)config["domain"], Is.EqualTo("login"));
        Assert.That((string?)config["action"], Is.EqualTo("upsert"));
        Assert.That((int)config["batch_size_rows"]!, Is.EqualTo(10));
    }

    [Test]
    public void An_empty_string_in_a_later_source_does_not_unset_an_earlier_value()
    {
        var first = File("a.json", "{\"domain\":\"test\"}");
        var second = File("b.json", "{\"domain\":\"\",\"table_name\":null}");

        var config = Load([first, second]);

        Assert.That((string?)config["domain"], Is.EqualTo("test"));
        Assert.That(config.ContainsKey("table_name"), Is.False);
    }

    [Test]
    public void Environment_variables_are_cast_to_the_schema_type_and_win_over_files()
    {
        var file = File("a.json", "{\"action\":\"insert\",\"batch_size_rows\":10}");
        environment["TARGET_SALESFORCE_ACTION"] = "upsert";
        environment["TARGET_SALESFORCE_BATCH_SIZE_ROWS"] = "250";
        environment["TARGET_SALESFORCE_ALLOW_FAILURES"] = "true";
        environment["TARGET_SALESFORCE_POLL_INTERVAL_SECONDS"] = "0.25";
        environment["TARGET_SALESFORCE_STREAMS"] = "{\"users\":{\"object\":\"Contact\"}}";
        environment["TARGET_SALESFORCE_DOMAIN"] = "login";
        environment["UNRELATED"] = "x";

        var config = Load([file, "ENV"]);

        Assert.That((string?)config["action"], Is.EqualTo("upsert"));
        Assert.That(config["batch_size_rows"]!.Type, Is.EqualTo(JTokenType.Integer));
        Assert.That((long)config["batch_size_rows"]!, Is.EqualTo(250));
        Assert.That(config["allow_failures"]!.Type, Is.EqualTo(JTokenType.Boolean));
        Assert.That((bool)config["allow_failures"]!, Is.True);
        Assert.That((double)config["poll_interval_seconds"]!, Is.EqualTo(0.25));
        Assert.That((string?)config["streams"]!["users"]!["object"], Is.EqualTo("Contact"));
        Assert.That(config.Properties().Select(p => p.Name), Has.None.EqualTo("unrelated"));
    }

    [Test]
    public void Environment_is_read_only_with_config_ENV()
    {
        var file = File("a.json", "{\"action\":\"insert\"}");
        environment["TARGET_SALESFORCE_ACTION"] = "upsert";

        Assert.That((string?)Load([file])["action"], Is.EqualTo("insert"));
    }

    [Test]
    public void A_value_that_does_not_cast_stays_a_string_for_the_validator_to_name()
    {
        environment["TARGET_SALESFORCE_BATCH_SIZE_ROWS"] = "lots";

        Assert.That((string?)Load(["ENV"])["batch_size_rows"], Is.EqualTo("lots"));
    }

    [Test]
    public void A_dotenv_file_in_the_working_directory_is_read_and_real_variables_win()
    {
        File(".env", "# comment\nexport TARGET_SALESFORCE_DOMAIN=\"test\"\nTARGET_SALESFORCE_ACTION=update # trailing\nTARGET_SALESFORCE_USERNAME='me@example.com'\n");
        environment["TARGET_SALESFORCE_ACTION"] = "delete";

        var config = Load(["ENV"]);

        Assert.That((string?)config["domain"], Is.EqualTo("test"));
        Assert.That((string?)config["action"], Is.EqualTo("delete"));
        Assert.That((string?)config["username"], Is.EqualTo("me@example.com"));
    }

    [Test]
    public void Config_json_outranks_config_files()
    {
        var file = File("a.json", "{\"action\":\"insert\",\"domain\":\"login\"}");

        var config = Load([file], "{\"action\":\"upsert\",\"table\":\"Account\"}");

        Assert.That((string?)config["action"], Is.EqualTo("upsert"));
        Assert.That((string?)config["domain"], Is.EqualTo("login"));
        Assert.That((string?)config["table"], Is.EqualTo("Account"));
    }

    [Test]
    public void Settings_yaml_is_used_when_no_other_config_is_given_with_typed_values()
    {
        var settings = File("s.yaml", "source:\n  x: 1\nconfig:\n  domain: test\n  action: upsert\n  batch_size_rows: 20\n  allow_failures: true\n  table_name: ''\n");

        var config = Load([], null, settings);

        Assert.That((string?)config["domain"], Is.EqualTo("test"));
        Assert.That(config["batch_size_rows"]!.Type, Is.EqualTo(JTokenType.Integer));
        Assert.That(config["allow_failures"]!.Type, Is.EqualTo(JTokenType.Boolean));
        Assert.That(config.ContainsKey("table_name"), Is.False);
    }

    [Test]
    public void Settings_yaml_is_ignored_when_config_json_is_given()
    {
        var settings = File("s.yaml", "config:\n  domain: test\n");

        var config = Load([], "{\"domain\":\"login\"}", settings);

        Assert.That((string?)config["domain"], Is.EqualTo("login"));
    }

    [Test]
    public void Settings_yaml_without_a_config_key_is_an_error_naming_the_file()
    {
        var settings = File("s.yaml", "destination: salesforce\n");

        Assert.That(Problems([], null, settings), Is.EqualTo(new[] { $"config: --settings {settings}: has no `config:` mapping" }));
    }

    [Test]
    public void No_config_at_all_is_an_error_saying_how_to_give_one()
    {
        Assert.That(Problems([]).Single(), Does.StartWith("config: source: none given; pass --config FILE"));
    }

    [Test]
    public void Every_unreadable_source_is_reported_at_once_without_quoting_its_text()
    {
        var broken = File("broken.json", "{\"password\": \"hunter2-secret\" \"x\": 1}");
        var list = File("list.json", "[1, 2]");
        var missing = Path.Combine(folder, "missing.json");

        var problems = Problems([broken, list, missing], "{\"client_secret\": hunter2-secret}");

        Assert.That(problems, Is.EqualTo(new[]
        {
            $"config: --config {broken}: is not valid JSON (line 1, position 30)",
            $"config: --config {list}: must be a JSON object, not array",
            $"config: --config {missing}: file not found",
            "config: --config_json: is not valid JSON (line 1, position 18)",
        }));
        Assert.That(string.Join("\n", problems), Does.Not.Contain("hunter2"));
    }

    [Test]
    public void Relative_paths_are_read_from_the_working_directory()
    {
        File("relative.json", "{\"domain\":\"login\"}");
        File("relative.yaml", "config:\n  action: delete\n");

        Assert.That((string?)Load(["relative.json"])["domain"], Is.EqualTo("login"));
        Assert.That((string?)Load([], null, "relative.yaml")["action"], Is.EqualTo("delete"));
    }
}

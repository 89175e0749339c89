using Newtonsoft.Json.Linq;
using TargetSalesforce.Configuration;

namespace TargetSalesforce.Tests.Configuration;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public class YamlSettingsFileTests
{
    private readonly string folder = Directory.CreateTempSubdirectory("yaml-settings-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private JObject Read(string yaml)
    {
        File.WriteAllText(Path.Combine(folder, "settings.yaml"), yaml);
        return YamlSettingsFile.ReadConfig("settings.yaml", folder);
    }

    private string Problem(string yaml)
    {
        var error = Assert.Throws<ConfigException>(() => Read(yaml));
        return error!.Problems.Single().ToString();
    }

    [Test]
    public void Plain_scalars_are_typed_by_the_core_schema_and_quoted_ones_stay_text()
    {
        var config = Read("""
            config:
              batch_size_rows: 20
              negative: -3
              ratio: 0.5
              exponent: 1e3
              allow_failures: true
              shouted: FALSE
              tilde: ~
              empty:
              word_null: null
              quoted_number: '20'
              quoted_true: "true"
              yes_is_text: yes
              version: 1.2.3
              hex_is_text: 0x1F
            """);

        Assert.Multiple(() =>
        {
            Assert.That(config["batch_size_rows"]!.Type, Is.EqualTo(JTokenType.Integer));
            Assert.That((long)config["batch_size_rows"]!, Is.EqualTo(20));
            Assert.That((long)config["negative"]!, Is.EqualTo(-3));
            Assert.That(config["ratio"]!.Type, Is.EqualTo(JTokenType.Float));
            Assert.That((double)config["ratio"]!, Is.EqualTo(0.5));
            Assert.That((double)config["exponent"]!, Is.EqualTo(1000));
            Assert.That(config["allow_failures"]!.Type, Is.EqualTo(JTokenType.Boolean));
            Assert.That((bool)config["allow_failures"]!, Is.True);
            Assert.That((bool)config["shouted"]!, Is.False);
            Assert.That(config["tilde"]!.Type, Is.EqualTo(JTokenType.Null));
            Assert.That(config["empty"]!.Type, Is.EqualTo(JTokenType.Null));
            Assert.That(config["word_null"]!.Type, Is.EqualTo(JTokenType.Null));
            Assert.That(config["quoted_number"]!.Type, Is.EqualTo(JTokenType.String));
            Assert.That((string?)config["quoted_number"], Is.EqualTo("20"));
            Assert.That((string?)config["quoted_true"], Is.EqualTo("true"));
            Assert.That((string?)config["yes_is_text"], Is.EqualTo("yes"));
            Assert.That((string?)config["version"], Is.EqualTo("1.2.3"));
            Assert.That((string?)config["hex_is_text"], Is.EqualTo("0x1F"));
        });
    }

    [Test]
    public void Mappings_and_lists_nest()
    {
        var config = Read("""
            config:
              streams:
                contacts:
                  object: Contact
                  key_properties: [id, email]
              action: upsert
            """);

        Assert.Multiple(() =>
        {
            Assert.That((string?)config.SelectToken("streams.contacts.object"), Is.EqualTo("Contact"));
            Assert.That(config.SelectToken("streams.contacts.key_properties")!.Values<string>(), Is.EqualTo(new[] { "id", "email" }));
            Assert.That((string?)config["action"], Is.EqualTo("upsert"));
        });
    }

    [Test]
    public void A_repeated_key_is_refused_naming_its_line() =>
        Assert.That(Problem("config:\n  action: insert\n  action: upsert\n"),
            Is.EqualTo("config: --settings settings.yaml: is not valid YAML (line 3, column 3)"));

    [Test]
    public void Anchors_are_resolved_where_they_are_used()
    {
        var config = Read("""
            shared: &login
              domain: test
            config:
              auth: *login
            """);

        Assert.That((string?)config.SelectToken("auth.domain"), Is.EqualTo("test"));
    }

    [TestCase("", TestName = "an empty file")]
    [TestCase("config: just text\n", TestName = "config as text")]
    [TestCase("- config\n", TestName = "a list at the top")]
    public void A_file_without_a_config_mapping_is_refused_naming_the_file(string yaml) =>
        Assert.That(Problem(yaml), Is.EqualTo("config: --settings settings.yaml: has no `config:` mapping"));

    [Test]
    public void Invalid_yaml_is_refused_with_its_place_and_without_its_text()
    {
        var problem = Problem("config:\n  client_secret: \"s3cret\n  domain: test\n");

        Assert.That(problem, Does.StartWith("config: --settings settings.yaml: is not valid YAML (line ").And.Not.Contain("s3cret"));
    }
}

using Newtonsoft.Json.Linq;
using TargetSalesforce.Configuration;

namespace TargetSalesforce.Tests.Configuration;

/// <summary>
/// The quick check is held to NJsonSchema over configs that try every setting with values of every kind: whatever it
/// surely passes, NJsonSchema passes (it may leave a valid config to NJsonSchema, never pass an invalid one); and it does
/// pass the configs people write, so a run's start skips NJsonSchema.
/// </summary>
public class SettingsQuickCheckTests
{
    private static readonly SettingsSchema Schema = SettingsSchema.Instance;

    private static readonly JObject Base = JObject.Parse("""
        {"client_id":"cid","client_secret":"cs","refresh_token":"rt","domain":"login","action":"upsert","external_id_name":"External_Id__c"}
        """);

    /// <summary>Values of every JSON kind, and the edges of every number, enum and pattern the schema names.</summary>
    private static IEnumerable<JToken> Candidates(JObject rule)
    {
        JToken[] kinds = ["x", "", 0, 1, -1, 2.5, 1.0, true, false, JValue.CreateNull(), new JObject(), new JArray(), "2024-01-01T00:00:00Z", "64.0", "v64"];
        foreach (var kind in kinds)
        {
            yield return kind.DeepClone();
        }

        foreach (var bound in new[] { "minimum", "maximum", "exclusiveMinimum" })
        {
            if (rule[bound] is JValue limit)
            {
                var at = limit.Value<double>();
                foreach (var near in new[] { at - 1, at - 0.5, at, at + 0.5, at + 1 })
                {
                    yield return new JValue(near);
                    yield return new JValue((long)Math.Floor(near));
                }
            }
        }

        foreach (var member in rule["enum"] ?? new JArray())
        {
            yield return member.DeepClone();
            yield return new JValue(((string?)member)?.ToUpperInvariant());
        }

        if (rule["pattern"] is not null)
        {
            foreach (var text in new[] { "001000000000001", "001000000000001AAA", "00100000000000", "64.0", "64", "v64.0", "0010000000000_1" })
            {
                yield return new JValue(text);
            }
        }
    }

    /// <summary>The base config, and each setting (and each per-stream setting) given each candidate value, by name.</summary>
    private static IEnumerable<(string Name, JObject Config)> Variants()
    {
        yield return ("the base config", (JObject)Base.DeepClone());
        foreach (var (name, rule) in Settings(Schema.Document))
        {
            var i = 0;
            foreach (var value in Candidates(rule))
            {
                var config = (JObject)Base.DeepClone();
                config[name] = value;
                yield return ($"{name} #{i++}", config);
            }
        }

        var streamRule = (JObject)Schema.Document["properties"]!["streams"]!["additionalProperties"]!;
        foreach (var (name, rule) in Settings(streamRule))
        {
            var i = 0;
            foreach (var value in Candidates(rule).Append(new JObject { ["Email"] = "Email", ["Phone"] = null, ["Fax"] = 1 }))
            {
                var config = (JObject)Base.DeepClone();
                config["streams"] = new JObject { ["contacts"] = new JObject { [name] = value } };
                yield return ($"streams.contacts.{name} #{i++}", config);
            }
        }

        foreach (var entry in new JToken[] { "Contact", 1, JValue.CreateNull(), new JObject { ["unknown"] = 1 }, new JArray() })
        {
            var config = (JObject)Base.DeepClone();
            config["streams"] = new JObject { ["contacts"] = entry };
            yield return ($"streams.contacts = {entry.ToString(Newtonsoft.Json.Formatting.None)}", config);
        }

        var missing = (JObject)Base.DeepClone();
        missing.Remove("domain");
        yield return ("a required setting missing", missing);
        var unknown = (JObject)Base.DeepClone();
        unknown["acton"] = "insert";
        yield return ("an unknown setting", unknown);
    }

    private static IEnumerable<(string Name, JObject Rule)> Settings(JToken schema) =>
        ((JObject)schema["properties"]!).Properties().Select(p => (p.Name, (JObject)p.Value));

    [Test]
    public void What_it_surely_passes_NJsonSchema_passes()
    {
        var variants = Variants().ToList();
        var wronglyPassed = variants
            .Where(v => SettingsQuickCheck.SurelyPasses(v.Config, Schema.Document) && Schema.Validator.Validate(v.Config).Count > 0)
            .Select(v => $"{v.Name}: {v.Config.ToString(Newtonsoft.Json.Formatting.None)}");

        Assert.That(variants, Has.Count.GreaterThan(1000));
        Assert.That(wronglyPassed, Is.Empty, "passed by the quick check, refused by NJsonSchema");
    }

    [Test]
    public void It_surely_passes_valid_values_of_every_setting_and_most_of_the_variants_NJsonSchema_passes()
    {
        var valid = Variants().Select(v => v.Config).Where(c => Schema.Validator.Validate(c).Count == 0).ToList();
        var passed = valid.Count(c => SettingsQuickCheck.SurelyPasses(c, Schema.Document));

        Assert.That(valid, Has.Count.GreaterThan(100), "the variants try many valid values");
        Assert.That(passed, Is.GreaterThanOrEqualTo(valid.Count * 9 / 10), "left to NJsonSchema only where a value is unusual");
    }

    [Test]
    public void It_surely_passes_the_example_configs()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(folder!.FullName, "TargetSalesforce.sln")))
        {
            folder = folder.Parent;
        }

        var examples = Directory.GetFiles(Path.Combine(folder.FullName, "examples", "config"), "*.json");
        Assert.That(examples, Is.Not.Empty);
        foreach (var path in examples)
        {
            var config = ConfigNormaliser.Normalise(JObject.Parse(File.ReadAllText(path)), Schema);
            Assert.That(SettingsQuickCheck.SurelyPasses(config, Schema.Document), Is.True, path);
        }
    }

    [Test]
    public void A_keyword_it_does_not_know_leaves_the_verdict_to_NJsonSchema()
    {
        var rule = JObject.Parse("""{"type":"string","maxLength":3}""");

        Assert.That(SettingsQuickCheck.SurelyPasses("ab", rule), Is.False);
        Assert.That(SettingsQuickCheck.SurelyPasses("ab", JObject.Parse("""{"type":"string","pattern":"^a"}""")), Is.True);
        Assert.That(SettingsQuickCheck.SurelyPasses("ba", JObject.Parse("""{"type":"string","pattern":"^a"}""")), Is.False);
    }
}

using Newtonsoft.Json.Linq;
using TargetSalesforce.Configuration;
using TargetSalesforce.Cli;
using TargetSalesforce.Naming;

namespace TargetSalesforce.Tests.Naming;

/// <summary>"Did you mean": a typo in a setting or a stream name names the nearest known one.</summary>
public class NearestNamesTests
{
    private static readonly SettingsSchema Schema = SettingsSchema.Instance;

    private const string OAuth = "\"client_id\":\"cid\",\"client_secret\":\"cs-secret-1\",\"refresh_token\":\"rt-secret-2\"";

    [TestCase("allow_failure", "allow_failures")]
    [TestCase("acton", "action")]
    [TestCase("Batch-Size-Rows", "batch_size_rows")]
    public void A_near_miss_finds_the_setting(string typed, string meant) =>
        Assert.That(NearestNames.Find(typed, Schema.ByName.Keys), Is.EqualTo(new[] { meant }));

    [Test]
    public void A_name_far_from_every_setting_finds_none() =>
        Assert.That(NearestNames.Find("colour", Schema.ByName.Keys), Is.Empty);

    [Test]
    public void An_unknown_setting_warns_with_the_nearest_known_one()
    {
        var validator = new ConfigValidator(Schema);

        Assert.That(validator.UnknownKeyWarning("allow_failure"), Does.Contain("allow_failure: is not a known setting and is ignored (did you mean allow_failures?)"));
    }

    [Test]
    public void A_missing_required_setting_present_under_a_near_miss_says_so()
    {
        var problems = new ConfigValidator(Schema)
            .Validate(ConfigNormaliser.Normalise(JObject.Parse($"{{{OAuth},\"domain\":\"login\",\"acton\":\"insert\"}}"), Schema))
            .Select(p => p.ToString());

        Assert.That(problems, Has.One.StartsWith("config: action: is required").And.EndsWith("the config has acton: did you mean action?"));
    }

    [Test]
    public void A_misspelt_key_of_a_stream_entry_names_the_nearest_one()
    {
        var problems = new ConfigValidator(Schema)
            .Validate(ConfigNormaliser.Normalise(
                JObject.Parse($"{{{OAuth},\"domain\":\"login\",\"action\":\"insert\",\"streams\":{{\"accounts\":{{\"objekt\":\"Account\"}}}}}}"), Schema))
            .Select(p => p.ToString());

        Assert.That(problems, Has.One.Contains("streams.accounts.objekt: is not a known setting here (did you mean object?)"));
    }

    [Test]
    public void A_streams_entry_no_stream_used_is_warned_about_naming_the_nearest_stream()
    {
        var warnings = UnusedStreamSettings.Warnings(["crm_peeple", "crm_accounts"], ["crm_people", "crm_accounts"]);

        Assert.That(
            warnings,
            Has.One.Contains("streams.crm_peeple: no stream of that name came in the input").And.Contain("did you mean crm_people?"));
        Assert.That(warnings, Has.Count.EqualTo(1), "a used entry is not warned about");
    }
}

using Newtonsoft.Json.Linq;
using TargetSalesforce.Configuration;

namespace TargetSalesforce.Tests.Configuration;

public class ConfigValidatorTests
{
    private static readonly SettingsSchema Schema = SettingsSchema.Instance;

    private static List<string> Problems(string json) =>
        new ConfigValidator(Schema)
            .Validate(ConfigNormaliser.Normalise(JObject.Parse(json), Schema))
            .Select(p => p.ToString())
            .ToList();

    private const string OAuth = "\"client_id\":\"cid\",\"client_secret\":\"cs-secret-1\",\"refresh_token\":\"rt-secret-2\"";

    [Test]
    public void A_complete_oauth_config_is_valid()
    {
        Assert.That(Problems($"{{{OAuth},\"domain\":\"login\",\"action\":\"insert\"}}"), Is.Empty);
    }

    [Test]
    public void A_complete_password_config_without_security_token_is_valid()
    {
        Assert.That(
            Problems("{\"username\":\"u\",\"password\":\"p\",\"domain\":\"test\",\"action\":\"upsert\"}"),
            Is.Empty);
    }

    [Test]
    public void Every_problem_is_reported_at_once_each_naming_its_key()
    {
        var problems = Problems(
            $"{{{OAuth},\"action\":\"merge\",\"batch_size_rows\":0,\"allow_failures\":\"yes\",\"api_version\":\"v64\",\"log_format\":\"xml\"}}");

        Assert.That(problems, Has.Some.EqualTo("config: action: \"merge\" is not one of insert, update, upsert, delete, hard_delete"));
        Assert.That(problems, Has.Some.StartsWith("config: domain: is required"));
        Assert.That(problems, Has.Some.StartsWith("config: batch_size_rows: 0 is out of range (at least 1"));
        Assert.That(problems, Has.Some.EqualTo("config: allow_failures: must be true or false, not \"yes\""));
        Assert.That(problems, Has.Some.EqualTo("config: api_version: \"v64\" is not an API version like 64.0"));
        Assert.That(problems, Has.Some.EqualTo("config: log_format: \"xml\" is not one of text, json"));
        Assert.That(problems, Has.Count.EqualTo(6));
    }

    [Test]
    public void A_missing_action_names_its_choices()
    {
        Assert.That(
            Problems($"{{{OAuth},\"domain\":\"login\"}}"),
            Is.EqualTo(new[] { "config: action: is required (one of insert, update, upsert, delete, hard_delete)" }));
    }

    [Test]
    public void Exclusive_minimum_is_enforced_on_seconds()
    {
        Assert.That(
            Problems($"{{{OAuth},\"domain\":\"login\",\"action\":\"insert\",\"poll_interval_seconds\":0}}"),
            Is.EqualTo(new[] { "config: poll_interval_seconds: 0 is out of range (greater than 0)" }));
    }

    [Test]
    public void Poll_ceiling_below_first_poll_is_an_error()
    {
        Assert.That(
            Problems($"{{{OAuth},\"domain\":\"login\",\"action\":\"insert\",\"poll_interval_seconds\":5,\"poll_max_interval_seconds\":1}}"),
            Is.EqualTo(new[] { "config: poll_max_interval_seconds: must not be less than poll_interval_seconds (5)" }));
    }

    [Test]
    public void Soft_deletes_need_a_field_to_set_and_the_fraction_is_bounded()
    {
        const string Base = "\"domain\":\"login\",\"action\":\"upsert\"";
        Assert.That(Problems($"{{{OAuth},{Base},\"activate_version\":\"soft_delete_field\",\"streams\":{{\"a\":{{\"scope\":\"X__c = 1\"}}}}}}"),
            Is.EqualTo(new[] { "config: soft_delete_field: is required when activate_version is soft_delete_field (the checkbox or date/time field to set on rows a version no longer has); streams without their own: a" }));
        Assert.That(Problems($"{{{OAuth},{Base},\"activate_version\":\"soft_delete_field\",\"streams\":{{\"a\":{{\"scope\":\"X__c = 1\",\"soft_delete_field\":\"Gone__c\"}}}}}}"), Is.Empty);
        Assert.That(Problems($"{{{OAuth},{Base},\"activate_version\":\"soft_delete_field\",\"soft_delete_field\":\"Gone__c\"}}"), Is.Empty);
        Assert.That(Problems($"{{{OAuth},{Base},\"max_delete_fraction\":1.5}}"), Has.Some.StartsWith("config: max_delete_fraction:"));
        Assert.That(Problems($"{{{OAuth},{Base},\"activate_version\":\"delete_all\"}}"), Has.Some.StartsWith("config: activate_version:"));
    }

    [Test]
    public void Stream_overrides_are_checked_by_their_full_key()
    {
        var problems = Problems(
            $"{{{OAuth},\"domain\":\"login\",\"action\":\"insert\",\"streams\":{{\"accounts\":{{\"action\":\"merge\",\"objekt\":\"Account\"}}}}}}");

        Assert.That(problems, Has.Some.StartsWith("config: streams.accounts.action: \"merge\" is not one of insert"));
        Assert.That(problems, Has.Some.StartsWith("config: streams.accounts.objekt: is not a known setting here"));
    }

    [Test]
    public void Choices_are_case_insensitive()
    {
        Assert.That(
            Problems($"{{{OAuth},\"domain\":\"login\",\"action\":\"Hard_Delete\",\"log_format\":\"JSON\",\"streams\":{{\"a\":{{\"action\":\"UPSERT\"}}}}}}"),
            Is.Empty);
    }

    [Test]
    public void Empty_strings_and_nulls_count_as_unset()
    {
        var problems = Problems(
            $"{{{OAuth},\"domain\":\"\",\"action\":null,\"username\":\"\",\"password\":\"\",\"security_token\":\"\",\"table_name\":\"\",\"batch_size_rows\":null}}");

        Assert.That(problems, Is.EquivalentTo(new[]
        {
            "config: domain: is required (login, test, a My Domain such as acme.my, or a URL)",
            "config: action: is required (one of insert, update, upsert, delete, hard_delete)",
        }));
    }

    [TestCase("\"client_id\":\"c\"", "client_secret", "refresh_token")]
    [TestCase("\"client_id\":\"c\",\"refresh_token\":\"r\"", "client_secret")]
    [TestCase("\"username\":\"u\"", "password")]
    [TestCase("\"password\":\"p\",\"security_token\":\"t\"", "username")]
    public void A_partial_login_set_names_what_is_missing(string given, params string[] missing)
    {
        var problems = Problems($"{{{given},\"domain\":\"login\",\"action\":\"insert\"}}");

        Assert.That(problems.Select(p => p.Split(':')[1].Trim()), Is.EquivalentTo(missing));
        Assert.That(problems, Has.All.Contains("is required for"));
    }

    [Test]
    public void No_credentials_at_all_is_one_error()
    {
        Assert.That(
            Problems("{\"domain\":\"login\",\"action\":\"insert\",\"client_id\":\"\"}"),
            Is.EqualTo(new[]
            {
                "config: credentials: none given; set client_id, client_secret and refresh_token (OAuth), or username and password (password login), " +
                "or client_id, username and private_key_file (JWT bearer), or client_id and client_secret on a My Domain (client credentials), " +
                "or access_token and instance_url (a token handed in); `target-salesforce login` gets a refresh token",
            }));
    }

    [Test]
    public void A_wrongly_typed_secret_is_reported_without_its_value()
    {
        var problems = Problems("{\"client_id\":\"c\",\"client_secret\":12345678,\"refresh_token\":\"r\",\"domain\":\"login\",\"action\":\"insert\"}");

        Assert.That(problems, Is.EqualTo(new[] { "config: client_secret: must be a string, not a number (value hidden)" }));
        Assert.That(string.Join("\n", problems), Does.Not.Contain("12345678"));
    }

    [Test]
    public void Unknown_keys_are_listed_for_a_warning()
    {
        var config = JObject.Parse($"{{{OAuth},\"domain\":\"login\",\"action\":\"insert\",\"batch_size\":5}}");

        Assert.That(new ConfigValidator(Schema).UnknownKeys(config), Is.EqualTo(new[] { "batch_size" }));
    }
}

using Newtonsoft.Json.Linq;
using TargetSalesforce.Configuration;

namespace TargetSalesforce.Tests.Configuration;

/// <summary>`auth_flow`: the `auto` choice from the credentials given, and what a named flow lacks or leaves unused.</summary>
public class AuthFlowChoiceTests
{
    private static AuthFlowChoice.Outcome Choose(string credentials) =>
        AuthFlowChoice.Choose(ConfigNormaliser.Normalise(JObject.Parse($"{{{credentials}}}"), SettingsSchema.Instance));

    private static string[] Problems(AuthFlowChoice.Outcome outcome) => outcome.Problems.Select(p => p.ToString()).ToArray();

    [TestCase("\"private_key_file\":\"k.pem\",\"client_id\":\"c\",\"username\":\"u\"", AuthFlow.Jwt)]
    [TestCase("\"private_key\":\"-----BEGIN PRIVATE KEY-----\",\"client_id\":\"c\",\"username\":\"u\"", AuthFlow.Jwt)]
    [TestCase("\"client_id\":\"c\",\"client_secret\":\"s\",\"refresh_token\":\"r\"", AuthFlow.RefreshToken)]
    [TestCase("\"username\":\"u\",\"password\":\"p\"", AuthFlow.Password)]
    [TestCase("\"access_token\":\"00D!x\",\"instance_url\":\"https://acme.my.salesforce.com\"", AuthFlow.AccessToken)]
    [TestCase("\"client_id\":\"c\",\"client_secret\":\"s\"", AuthFlow.ClientCredentials)]
    public void Auto_picks_the_flow_the_credentials_make(string credentials, AuthFlow expected)
    {
        var outcome = Choose(credentials);

        Assert.That(outcome.Flow, Is.EqualTo(expected));
        Assert.That(outcome.Problems, Is.Empty);
    }

    [Test]
    public void A_private_key_wins_over_every_other_set()
    {
        var outcome = Choose("\"private_key_file\":\"k.pem\",\"client_id\":\"c\",\"username\":\"u\",\"client_secret\":\"s\",\"refresh_token\":\"r\"");

        Assert.That(outcome.Flow, Is.EqualTo(AuthFlow.Jwt));
        Assert.That(outcome.Warnings, Is.EqualTo(new[] { "Logging in with the JWT bearer flow: client_secret, refresh_token are set but not used." }));
    }

    [Test]
    public void Mages_template_with_every_key_empty_and_oauth_filled_in_stays_a_refresh_token_login()
    {
        var outcome = Choose("""
            "client_id":"c","client_secret":"s","refresh_token":"r","username":"","password":"","security_token":""
            """);

        Assert.That(outcome.Flow, Is.EqualTo(AuthFlow.RefreshToken));
        Assert.That(outcome.Warnings, Is.Empty);
    }

    [Test]
    public void Both_older_sets_complete_keep_the_older_warning()
    {
        var outcome = Choose("\"client_id\":\"c\",\"client_secret\":\"s\",\"refresh_token\":\"r\",\"username\":\"u\",\"password\":\"p\"");

        Assert.That(outcome.Flow, Is.EqualTo(AuthFlow.RefreshToken));
        Assert.That(outcome.Warnings, Is.EqualTo(new[] { "Both OAuth and password settings are given; OAuth login is used." }));
    }

    [Test]
    public void A_key_without_the_user_or_app_names_what_is_missing()
    {
        Assert.That(Problems(Choose("\"private_key_file\":\"k.pem\"")), Is.EquivalentTo(new[]
        {
            "config: client_id: is required for the JWT bearer flow (private_key_file is set)",
            "config: username: is required for the JWT bearer flow (private_key_file is set)",
        }));
    }

    [Test]
    public void Both_key_settings_at_once_are_refused()
    {
        Assert.That(
            Problems(Choose("\"private_key\":\"k\",\"private_key_file\":\"k.pem\",\"client_id\":\"c\",\"username\":\"u\"")),
            Is.EqualTo(new[] { "config: private_key_file: is set together with private_key; set one of them" }));
    }

    [Test]
    public void A_token_without_its_instance_is_incomplete()
    {
        Assert.That(
            Problems(Choose("\"access_token\":\"00D!x\"")),
            Is.EqualTo(new[] { "config: instance_url: is required for a token handed in (access_token is set)" }));
    }

    [Test]
    public void An_app_key_and_secret_beside_part_of_a_user_login_is_not_client_credentials()
    {
        var outcome = Choose("\"client_id\":\"c\",\"client_secret\":\"s\",\"username\":\"u\"");

        Assert.That(outcome.Flow, Is.Null);
        Assert.That(outcome.Problems.Select(p => p.Key), Is.EquivalentTo(new[] { "refresh_token", "password" }));
    }

    [Test]
    public void A_named_flow_names_each_setting_it_lacks()
    {
        Assert.That(Problems(Choose("\"auth_flow\":\"jwt\",\"client_secret\":\"s\"")), Is.EquivalentTo(new[]
        {
            "config: client_id: is required for auth_flow jwt",
            "config: username: is required for auth_flow jwt",
            "config: private_key_file: is required for auth_flow jwt (or private_key, the PEM text itself)",
        }));
        Assert.That(Problems(Choose("\"auth_flow\":\"access_token\"")), Is.EquivalentTo(new[]
        {
            "config: access_token: is required for auth_flow access_token",
            "config: instance_url: is required for auth_flow access_token",
        }));
    }

    [Test]
    public void A_named_refresh_token_flow_needs_no_secret()
    {
        var outcome = Choose("\"auth_flow\":\"refresh_token\",\"client_id\":\"c\",\"refresh_token\":\"r\"");

        Assert.That(outcome.Flow, Is.EqualTo(AuthFlow.RefreshToken));
        Assert.That(outcome.Problems, Is.Empty);
    }

    [Test]
    public void A_named_flow_warns_about_credentials_it_will_not_use()
    {
        var outcome = Choose("\"auth_flow\":\"client_credentials\",\"client_id\":\"c\",\"client_secret\":\"s\",\"refresh_token\":\"r\",\"username\":\"u\"");

        Assert.That(outcome.Flow, Is.EqualTo(AuthFlow.ClientCredentials));
        Assert.That(outcome.Warnings, Is.EqualTo(new[] { "Logging in with the client credentials flow: refresh_token, username are set but not used." }));
    }

    [Test]
    public void An_unknown_flow_is_left_to_the_schema_check()
    {
        var outcome = Choose("\"auth_flow\":\"magic\"");

        Assert.That(outcome.Flow, Is.Null);
        Assert.That(outcome.Problems, Is.Empty);
    }
}

using System.Reflection;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Configuration;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading;

namespace TargetSalesforce.Tests.Configuration;

public class SettingsBinderTests
{
    private static readonly SettingsSchema Schema = SettingsSchema.Instance;

    private static TargetSettings Bind(string json) =>
        SettingsBinder.Bind(ConfigNormaliser.Normalise(JObject.Parse(json), Schema));

    /// <summary>`ExternalIdName` → `external_id_name`; `MageTable` is Mage's `table`.</summary>
    private static string SettingName(PropertyInfo property) => property.Name == nameof(TargetSettings.MageTable)
        ? "table"
        : string.Concat(property.Name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static IEnumerable<PropertyInfo> SettingProperties() =>
        typeof(TargetSettings).GetProperties().Where(p => p.CanWrite);

    [Test]
    public void Every_settings_property_has_a_schema_setting_and_back()
    {
        Assert.That(
            SettingProperties().Select(SettingName),
            Is.EquivalentTo(Schema.Settings.Select(s => s.Name)));
    }

    [Test]
    public void Schema_defaults_equal_the_settings_defaults()
    {
        var bound = Bind("{\"domain\":\"login\",\"action\":\"insert\"}");
        foreach (var property in SettingProperties())
        {
            var setting = Schema.ByName[SettingName(property)];
            if (setting.Default is null)
            {
                continue;
            }

            var value = property.GetValue(bound);
            var expected = setting.Default.ToObject(value!.GetType());
            if (value is Enum)
            {
                expected = Enum.Parse(value.GetType(), (string)setting.Default!, ignoreCase: true);
            }

            Assert.That(value, Is.EqualTo(expected), setting.Name);
        }
    }

    [Test]
    public void Only_the_six_secrets_are_marked_secret()
    {
        Assert.That(
            Schema.SecretNames,
            Is.EquivalentTo(new[] { "client_secret", "refresh_token", "password", "security_token", "private_key", "access_token" }));
    }

    [Test]
    public void A_stream_field_map_and_assignment_rules_are_bound()
    {
        var settings = Bind("""
            {"domain":"login","action":"insert","assignment_rule_id":"01Q000000000001AAA",
             "streams":{"leads":{"fields":{"email_address":"Email","note":null,"company_ref":"Account.External_Id__c"},
                                 "assignment_rule_id":"01Q000000000002"}}}
            """);

        Assert.That(settings.AssignmentRuleId, Is.EqualTo("01Q000000000001AAA"));
        Assert.That(settings.Streams["leads"].AssignmentRuleId, Is.EqualTo("01Q000000000002"));
        Assert.That(settings.Streams["leads"].Fields, Is.EquivalentTo(new Dictionary<string, string?>
        {
            ["email_address"] = "Email", ["note"] = null, ["company_ref"] = "Account.External_Id__c",
        }));
    }

    [Test]
    public void Values_are_bound_with_case_insensitive_choices()
    {
        var settings = Bind("""
            {"client_id":"c","client_secret":"s","refresh_token":"r","domain":"acme.my","action":"Hard_Delete",
             "external_id_name":"Ext__c","allow_failures":true,"table_name":"","table":"Account","api_version":"62.0",
             "streams":{"users":{"object":"Contact","action":"UPSERT","external_id_name":"Email__c"},"x":{"object":""}},
             "validate_records":false,"batch_size_rows":100,"batch_size_bytes":2048,"batch_wait_limit_seconds":5,
             "max_parallel_jobs":1,"log_format":"JSON","unknown_fields":"Fail","poll_interval_seconds":1,
             "poll_max_interval_seconds":3,"job_timeout_seconds":600,"request_timeout_seconds":30,
             "reject_file":"rejects.jsonl","process_deletes":true,"lock_retry_attempts":0,
             "progress_interval_seconds":0.5}
            """);

        Assert.That(settings.Action, Is.EqualTo(LoadAction.HardDelete));
        Assert.That(settings.UsesOAuth, Is.True);
        Assert.That(settings.AuthFlow, Is.EqualTo(AuthFlow.RefreshToken), "auto chose the complete refresh-token set");
        Assert.That(settings.Domain, Is.EqualTo("acme.my"));
        Assert.That(settings.ExternalIdName, Is.EqualTo("Ext__c"));
        Assert.That(settings.AllowFailures, Is.True);
        Assert.That(settings.TableName, Is.Null);
        Assert.That(settings.MageTable, Is.EqualTo("Account"));
        Assert.That(settings.ApiVersion, Is.EqualTo("62.0"));
        Assert.That(settings.Streams["users"], Is.EqualTo(new StreamOverride("Contact", LoadAction.Upsert, "Email__c")));
        Assert.That(settings.Streams["x"], Is.EqualTo(new StreamOverride(null, null, null)));
        Assert.That(settings.ValidateRecords, Is.False);
        Assert.That(settings.BatchSizeRows, Is.EqualTo(100));
        Assert.That(settings.BatchSizeBytes, Is.EqualTo(2048));
        Assert.That(settings.BatchWaitLimitSeconds, Is.EqualTo(5));
        Assert.That(settings.MaxParallelJobs, Is.EqualTo(1));
        Assert.That(settings.LogFormat, Is.EqualTo(LogFormat.Json));
        Assert.That(settings.UnknownFields, Is.EqualTo(UnknownFieldPolicy.Fail));
        Assert.That(settings.PollIntervalSeconds, Is.EqualTo(1));
        Assert.That(settings.PollMaxIntervalSeconds, Is.EqualTo(3));
        Assert.That(settings.JobTimeoutSeconds, Is.EqualTo(600));
        Assert.That(settings.RequestTimeoutSeconds, Is.EqualTo(30));
        Assert.That(settings.RejectFile, Is.EqualTo("rejects.jsonl"));
        Assert.That(settings.ProcessDeletes, Is.True);
        Assert.That(settings.LockRetryAttempts, Is.Zero);
        Assert.That(settings.ProgressIntervalSeconds, Is.EqualTo(0.5));
    }

    [Test]
    public void Empty_strings_bind_as_null()
    {
        var settings = Bind("{\"domain\":\"login\",\"action\":\"insert\",\"username\":\"u\",\"password\":\"p\",\"security_token\":\"\",\"client_id\":\"\"}");

        Assert.That(settings.SecurityToken, Is.Null);
        Assert.That(settings.ClientId, Is.Null);
        Assert.That(settings.UsesOAuth, Is.False);
        Assert.That(settings.AuthFlow, Is.EqualTo(AuthFlow.Password));
    }

    [Test]
    public void The_newer_login_settings_are_bound_and_a_named_flow_is_kept()
    {
        var settings = Bind("""
            {"domain":"acme.my","action":"insert","auth_flow":"JWT","client_id":"c","username":"u@x.test",
             "private_key_file":"keys/k.pem","access_token":"","instance_url":""}
            """);

        Assert.That(settings.AuthFlow, Is.EqualTo(AuthFlow.Jwt));
        Assert.That(settings.PrivateKeyFile, Is.EqualTo("keys/k.pem"));
        Assert.That(settings.PrivateKey, Is.Null);
        Assert.That(settings.AccessToken, Is.Null);
        Assert.That(settings.InstanceUrl, Is.Null);
    }
}

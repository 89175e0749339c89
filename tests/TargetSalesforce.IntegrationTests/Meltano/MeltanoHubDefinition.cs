using System.Globalization;
using Newtonsoft.Json.Linq;
using YamlDotNet.Serialization;

namespace TargetSalesforce.IntegrationTests.Meltano;

/// <summary>
/// `packaging/meltano-hub/target-salesforce.yml`, Meltano Hub's loader definition, written from what the
/// executable says of itself (`--about --format json`: its version, capabilities and the settings schema,
/// `schemas/config.schema.json`). Only what the schema cannot say (where to install from, the login groups,
/// the Hub's own fields) is fixed here.
/// </summary>
internal static class MeltanoHubDefinition
{
    public const string RelativePath = "packaging/meltano-hub/target-salesforce.yml";

    /// <summary>The distribution name of the wheels (packaging/python); on an index, `pip install` finds the one for the platform.</summary>
    public const string PipUrl = "target-salesforce";

    /// <summary>The Hub names a plugin's variants after who maintains them; this one is the native (.NET) implementation.</summary>
    public const string Variant = "dotnet";

    /// <summary>The minimal settings of each way to log in (settings_group_validation); the run needs domain and action too.</summary>
    public static readonly IReadOnlyList<string[]> LoginGroups =
    [
        ["client_id", "client_secret", "refresh_token"],
        ["username", "password"],
        ["client_id", "username", "private_key_file"],
        ["client_id", "username", "private_key"],
        ["client_id", "client_secret"],
        ["access_token", "instance_url"],
    ];

    private static readonly string Header =
        $"""
        # Meltano Hub loader definition of target-salesforce (format: docs.meltano.com/reference/plugin-definition-syntax).
        # GENERATED from `target-salesforce --about --format json`, whose settings are schemas/config.schema.json:
        # do not edit by hand. Regenerate after changing the schema, the version or the capabilities with
        #   UPDATE_GENERATED_FILES=1 dotnet test tests/TargetSalesforce.IntegrationTests --filter "FullyQualifiedName~MeltanoHubDefinitionTests"
        # (MeltanoHubDefinitionTests fails while this file and the schema differ).

        """;

    /// <summary>The whole file for the target's `--about --format json` document.</summary>
    public static string Render(JObject about)
    {
        var schema = (JObject)about["settings"]!;
        var required = ((JArray?)schema["required"])?.Select(r => (string)r!).ToList() ?? [];
        var definition = new OrderedDictionary<string, object>
        {
            ["name"] = (string)about["name"]!,
            ["namespace"] = ((string)about["name"]!).Replace('-', '_'),
            ["variant"] = Variant,
            ["label"] = "Salesforce",
            ["description"] = "Customer relationship management platform",
            ["domain_url"] = "https://www.salesforce.com",
            ["maintenance_status"] = "beta",
            ["keywords"] = new[] { "salesforce", "crm", "bulk_api" },
            ["pip_url"] = PipUrl,
            ["executable"] = (string)about["name"]!,
            ["capabilities"] = ((JArray)about["capabilities"]!).Select(c => (string)c!).ToList(),
            ["settings_group_validation"] = LoginGroups.Select(group => required.Concat(group).ToList()).ToList(),
            ["settings"] = ((JObject)schema["properties"]!).Properties().Select(p => Setting(p.Name, (JObject)p.Value)).ToList(),
        };

        var yaml = new SerializerBuilder().WithIndentedSequences().WithQuotingNecessaryStrings().Build().Serialize(definition);
        return Header + yaml;
    }

    private static OrderedDictionary<string, object> Setting(string name, JObject property)
    {
        var setting = new OrderedDictionary<string, object>
        {
            ["name"] = name,
            ["label"] = (string?)property["title"] ?? Humanize(name),
            ["kind"] = Kind(property),
        };
        if (property["default"] is JValue { Value: not null } fallback)
        {
            setting["value"] = fallback.Value!;
        }

        if ((bool?)property["secret"] == true)
        {
            setting["sensitive"] = true;
        }

        if ((bool?)property["hidden"] == true)
        {
            setting["hidden"] = true;
        }

        setting["description"] = (string?)property["description"] ?? "";
        if (property["enum"] is JArray allowed)
        {
            setting["options"] = allowed.Select(v => new OrderedDictionary<string, object> { ["label"] = Humanize((string)v!), ["value"] = (string)v! }).ToList();
        }

        return setting;
    }

    /// <summary>Meltano's setting kinds for the schema's types: an enum is `options`, a JSON number `decimal`.</summary>
    private static string Kind(JObject property) => property["enum"] is not null
        ? "options"
        : (string?)property["type"] switch
        {
            "number" => "decimal",
            "integer" or "boolean" or "object" or "array" or "string" => (string)property["type"]!,
            var other => throw new InvalidOperationException($"no Meltano kind for the schema type {other ?? "(none)"}"),
        };

    /// <summary>`hard_delete` → `Hard delete`; `json` → `JSON`, `jwt` → `JWT`.</summary>
    private static string Humanize(string value) => value switch
    {
        "json" => "JSON",
        "jwt" => "JWT",
        _ => char.ToUpper(value[0], CultureInfo.InvariantCulture) + value[1..].Replace('_', ' '),
    };
}

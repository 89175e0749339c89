using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Configuration;

/// <summary>
/// `--config ENV`: settings from `TARGET_SALESFORCE_&lt;SETTING&gt;` variables, as the Meltano SDK
/// reads them. A `.env` in the working directory is read first; real variables win over it.
/// Values are cast to the schema's type; one that does not cast stays a string, so the validator
/// reports it against its key.
/// </summary>
public static class EnvironmentConfig
{
    public const string Prefix = "TARGET_SALESFORCE_";

    public static JObject Read(
        SettingsSchema schema, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var dotEnv = DotEnvFile.Read(Path.Combine(workingDirectory, ".env"));
        var config = new JObject();
        foreach (var setting in schema.Settings)
        {
            var variable = VariableName(setting.Name);
            if (environment.TryGetValue(variable, out var value) || dotEnv.TryGetValue(variable, out value))
            {
                config[setting.Name] = Cast(value, setting.Type);
            }
        }

        return config;
    }

    /// <summary>The variable that carries a setting: upper-case, `-` as `_`.</summary>
    public static string VariableName(string setting) =>
        Prefix + setting.Replace('-', '_').ToUpperInvariant();

    internal static JToken Cast(string value, string type)
    {
        var text = value.Trim();
        switch (type)
        {
            case "integer" when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer):
                return new JValue(integer);
            case "number" when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                return new JValue(number);
            case "boolean" when ParseBoolean(text) is { } flag:
                return new JValue(flag);
            case "object" or "array":
                try
                {
                    return JToken.Parse(text);
                }
                catch (JsonReaderException)
                {
                    return new JValue(value);
                }

            default:
                return new JValue(value);
        }
    }

    private static bool? ParseBoolean(string text) => text.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "on" or "t" or "y" => true,
        "false" or "0" or "no" or "off" or "f" or "n" => false,
        _ => null,
    };
}

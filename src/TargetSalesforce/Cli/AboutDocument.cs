using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Configuration;

namespace TargetSalesforce.Cli;

/// <summary>
/// `--about`: what the target is and every setting it takes, drawn from the settings schema.
/// It describes settings, never their values, so it is safe whatever the config holds.
/// </summary>
public static class AboutDocument
{
    /// <summary>Meltano's `--about --format json` shape; `settings` is the config JSON Schema (secrets marked `secret: true`).</summary>
    public static JObject ToJson(SettingsSchema schema) => new()
    {
        ["name"] = ProductInfo.Name,
        ["description"] = ProductInfo.Description,
        ["version"] = ProductInfo.Version,
        ["capabilities"] = new JArray(ProductInfo.Capabilities),
        ["settings"] = schema.Document.DeepClone(),
    };

    public static string Render(AboutFormat format, SettingsSchema schema) => format == AboutFormat.Json
        ? ToJson(schema).ToString(Formatting.Indented) + "\n"
        : ToMarkdown(schema);

    /// <summary>A readable page with one table row per user-facing setting (the README's table comes from it).</summary>
    public static string ToMarkdown(SettingsSchema schema)
    {
        var text = new StringBuilder();
        text.Append($"# {ProductInfo.Name} {ProductInfo.Version}\n\n{ProductInfo.Description}\n\n");
        text.Append($"Capabilities: {string.Join(", ", ProductInfo.Capabilities.Select(c => $"`{c}`"))}\n\n");
        text.Append("## Settings\n\n");
        text.Append(SettingsTable(schema));
        text.Append("\nSecret settings are never printed. With `--config ENV`, each setting can also come from the ");
        text.Append("environment variable `TARGET_SALESFORCE_<SETTING>` (upper case), which wins over config files.\n");
        return text.ToString();
    }

    /// <summary>The Markdown table of settings alone.</summary>
    public static string SettingsTable(SettingsSchema schema)
    {
        var table = new StringBuilder();
        table.Append("| Setting | Type | Required | Default | Description |\n");
        table.Append("|---|---|---|---|---|\n");
        foreach (var setting in schema.Settings.Where(s => !s.IsHidden))
        {
            var type = setting.AllowedValues.Count > 0
                ? string.Join(" \\| ", setting.AllowedValues.Select(v => $"`{v}`"))
                : setting.Type;
            if (setting.IsSecret)
            {
                type += " (secret)";
            }

            var fallback = setting.Default is null ? "" : $"`{setting.Default.ToString(Formatting.None)}`";
            table.Append($"| `{setting.Name}` | {type} | {(setting.IsRequired ? "yes" : "")} | {fallback} | {Cell(setting.Description)} |\n");
        }

        return table.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}

using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Cli;

/// <summary>
/// `--show_templates`: Mage's `{"config": {...}}` template, which Mage's UI offers as the
/// destination's starting config. The template is `examples/mage/templates/config.json`, embedded.
/// </summary>
public static class MageTemplates
{
    private const string ResourceName = "mage.templates.config.json";

    /// <summary>One JSON line, as Mage parses it from stdout.</summary>
    public static string Render()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        var template = JObject.Parse(reader.ReadToEnd());
        return new JObject { ["config"] = template }.ToString(Formatting.None) + "\n";
    }
}

using System.Reflection;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace TargetSalesforce.Configuration;

/// <summary>
/// `schemas/config.schema.json`, embedded in the executable: the validator, `--about` and the
/// docs all read the settings from here, so they cannot drift apart.
/// </summary>
public sealed class SettingsSchema
{
    private const string ResourceName = "config.schema.json";

    private static readonly Lazy<SettingsSchema> Embedded = new(LoadEmbedded);

    // Built only when a config may not pass (see SettingsQuickCheck): about 0.2 s of a run's start.
    private readonly Lazy<JsonSchema> validator;

    private SettingsSchema(string json)
    {
        Json = json;
        Document = JObject.Parse(json);
        // NJsonSchema parses asynchronously only; the schema is local text, so blocking is harmless.
        validator = new Lazy<JsonSchema>(() => JsonSchema.FromJsonAsync(json).GetAwaiter().GetResult());
        Settings = ReadSettings(Document);
        ByName = Settings.ToDictionary(s => s.Name, StringComparer.Ordinal);
        Diagnostics.StartupPhases.Reached("settings schema read");
    }

    /// <summary>The schema shipped inside this executable.</summary>
    public static SettingsSchema Instance => Embedded.Value;

    /// <summary>The schema text as shipped.</summary>
    public string Json { get; }

    /// <summary>The schema as a JSON document (for `--about`, which prints it whole).</summary>
    public JObject Document { get; }

    /// <summary>NJsonSchema's model of the schema, for validation (built on first use).</summary>
    public JsonSchema Validator => validator.Value;

    /// <summary>Every top-level setting, in schema order.</summary>
    public IReadOnlyList<SettingDefinition> Settings { get; }

    public IReadOnlyDictionary<string, SettingDefinition> ByName { get; }

    /// <summary>The names of the settings whose values are never printed.</summary>
    public IEnumerable<string> SecretNames => Settings.Where(s => s.IsSecret).Select(s => s.Name);

    private static SettingsSchema LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return new SettingsSchema(reader.ReadToEnd());
    }

    private static List<SettingDefinition> ReadSettings(JObject document)
    {
        var required = new HashSet<string>(
            document["required"]?.Values<string>().OfType<string>() ?? [], StringComparer.Ordinal);
        var properties = (JObject?)document["properties"] ?? [];
        return properties.Properties()
            .Select(p => ReadSetting(p.Name, (JObject)p.Value, required.Contains(p.Name)))
            .ToList();
    }

    private static SettingDefinition ReadSetting(string name, JObject property, bool isRequired) => new(
        name,
        (string?)property["type"] ?? "string",
        property["default"],
        (string?)property["description"] ?? "",
        (bool?)property["secret"] ?? false,
        (bool?)property["hidden"] ?? false,
        isRequired,
        property["enum"]?.Values<string>().OfType<string>().ToList() ?? []);
}

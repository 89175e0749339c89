using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Configuration;

/// <summary>
/// Loads, validates and binds the config in one step, before any input is read. Throws
/// <see cref="ConfigException"/> with every problem found.
/// </summary>
public sealed class TargetConfiguration
{
    private TargetConfiguration(TargetSettings settings, JObject values, IReadOnlyList<string> warnings)
    {
        Settings = settings;
        Values = values;
        Warnings = warnings;
    }

    public TargetSettings Settings { get; }

    /// <summary>The merged, normalised config as given (holds secrets: never print it).</summary>
    public JObject Values { get; }

    /// <summary>Things worth a warning that do not stop the run (unknown keys, an unused partial login set).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The secret values in a config, for the log redactor (collected even from an invalid config).</summary>
    public static IEnumerable<string> SecretValues(JObject values, SettingsSchema schema) =>
        schema.SecretNames
            .Select(name => values[name])
            .Where(v => v is JValue { Type: JTokenType.String })
            .Select(v => (string)v!)
            .Where(v => v.Length > 0);

    /// <summary>
    /// Loads and checks the config. <paramref name="onLoaded"/> sees the merged values before
    /// validation (the caller registers secrets with the redactor there).
    /// </summary>
    public static TargetConfiguration Load(
        ConfigRequest request,
        IReadOnlyDictionary<string, string> environment,
        string workingDirectory,
        Action<JObject>? onLoaded = null)
    {
        var schema = SettingsSchema.Instance;
        var values = new ConfigLoader(schema, environment, workingDirectory).Load(request);
        onLoaded?.Invoke(values);

        var validator = new ConfigValidator(schema);
        var problems = validator.Validate(values);
        if (problems.Count > 0)
        {
            throw new ConfigException(problems);
        }

        var warnings = validator.UnknownKeys(values)
            .Select(validator.UnknownKeyWarning)
            .Concat(ConfigValidator.CredentialWarnings(values))
            .ToList();
        return new TargetConfiguration(SettingsBinder.Bind(values), values, warnings);
    }
}

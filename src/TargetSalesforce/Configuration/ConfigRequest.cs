namespace TargetSalesforce.Configuration;

/// <summary>Where the command line says the config comes from.</summary>
/// <param name="ConfigArguments">Each `--config` value in order: a JSON file, or `ENV` for environment variables.</param>
/// <param name="ConfigJson">Mage's inline `--config_json`, which outranks the files.</param>
/// <param name="SettingsFile">Mage's `--settings` YAML file, read only when nothing else gives a config.</param>
public sealed record ConfigRequest(IReadOnlyList<string> ConfigArguments, string? ConfigJson, string? SettingsFile)
{
    /// <summary>The `--config` value that means "read the environment", as the Meltano SDK spells it.</summary>
    public const string EnvironmentMarker = "ENV";
}

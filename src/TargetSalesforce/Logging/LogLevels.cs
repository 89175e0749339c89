using Microsoft.Extensions.Logging;

namespace TargetSalesforce.Logging;

/// <summary>
/// The minimum level, as the Meltano SDK takes it: `TARGET_SALESFORCE_LOGLEVEL`, else
/// `LOGLEVEL` (debug, info, warning, error, critical; any case), else INFO. `--debug` lowers it
/// to DEBUG; `--log-level LEVEL` wins over both.
/// </summary>
public static class LogLevels
{
    /// <summary>The names `--log-level` takes, for its usage error.</summary>
    public const string Names = "debug, info, warning, error, critical";

    public static LogLevel FromEnvironment(IReadOnlyDictionary<string, string> environment, bool debug, LogLevel? flag = null)
    {
        if (flag is { } chosen)
        {
            return chosen;
        }

        if (debug)
        {
            return LogLevel.Debug;
        }

        var setting = environment.GetValueOrDefault("TARGET_SALESFORCE_LOGLEVEL");
        if (string.IsNullOrWhiteSpace(setting))
        {
            setting = environment.GetValueOrDefault("LOGLEVEL");
        }

        return Parse(setting) ?? LogLevel.Information;
    }

    public static LogLevel? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "info" or "information" => LogLevel.Information,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "critical" or "fatal" => LogLevel.Critical,
        _ => null,
    };
}

using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Logging;

/// <summary>
/// Mage's log line: `{"caller","level","message","tags","timestamp","uuid","type":"LOG"}`.
/// Mage fails the block on any line whose level is ERROR or EXCEPTION, so only real failures
/// may use them. A fatal (critical) event is EXCEPTION, with the reason in `tags.error`.
/// On stderr (Mage's test_connection reads it) each line is prefixed with the level name, and
/// Mage looks for lines starting with `ERROR` and reads `tags.error` from the JSON after it.
/// </summary>
public sealed class MageJsonLogFormatter(bool prefixWithLevel) : ILogLineFormatter
{
    public string Format(LogEntry entry)
    {
        var tags = new JObject();
        foreach (var (key, value) in entry.Properties)
        {
            if (key != "{OriginalFormat}")
            {
                tags[SnakeCase(key)] = LogValueJson.From(value);
            }
        }

        if (entry.Metric is { } metric)
        {
            tags["metric"] = metric.ToJson();
        }

        if (entry.Exception is { } exception)
        {
            tags["error"] = exception.Message;
            tags["errors"] = exception.Describe(withStack: false);
            tags["message"] = exception.Describe(withStack: true);
        }
        else if (entry.Level >= LogLevel.Error)
        {
            tags["error"] = entry.Message;
        }

        var line = new JObject
        {
            ["caller"] = entry.Category,
            ["level"] = LevelName(entry.Level),
            ["message"] = entry.Message,
            ["tags"] = tags,
            ["timestamp"] = entry.Timestamp.ToUnixTimeSeconds(),
            ["uuid"] = Guid.NewGuid().ToString("N"),
            ["type"] = "LOG",
        }.ToString(Formatting.None);

        return prefixWithLevel ? $"{PythonLevelName(entry.Level)} {line}" : line;
    }

    public static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARNING",
        LogLevel.Error => "ERROR",
        _ => "EXCEPTION",
    };

    /// <summary>The Python logging level Mage's logger would have used for the line.</summary>
    private static string PythonLevelName(LogLevel level) => level >= LogLevel.Error ? "ERROR" : LevelName(level);

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}

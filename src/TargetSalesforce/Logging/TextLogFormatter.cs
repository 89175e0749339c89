using System.Globalization;
using Microsoft.Extensions.Logging;

namespace TargetSalesforce.Logging;

/// <summary>
/// Logs for people: `2026-11-28T14:30:00.123Z INFO  message`. An exception adds its type and
/// message; its stack only at debug level, where someone is looking for it.
/// </summary>
public sealed class TextLogFormatter(bool includeStackTraces) : ILogLineFormatter
{
    public string Format(LogEntry entry)
    {
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"{entry.Timestamp.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ} {LevelName(entry.Level),-5} {entry.Message}");
        if (entry.Exception is { } exception)
        {
            line += " | " + exception.Describe(includeStackTraces);
        }

        // Continuation lines are indented, so every line that starts a log starts with a timestamp.
        return line.Replace("\n", "\n    ", StringComparison.Ordinal);
    }

    public static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "ERROR",
        _ => "FATAL",
    };
}

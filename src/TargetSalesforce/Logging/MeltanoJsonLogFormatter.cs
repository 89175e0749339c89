using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Logging;

/// <summary>
/// `log_format: json`: one JSON object a line with the keys Meltano's Singer SDK log parser
/// requires (level, pid, logger_name, ts, thread_name, app_name, stream_name, message), plus
/// `exception` on errors and `metric_info` on METRIC events.
/// </summary>
public sealed class MeltanoJsonLogFormatter(string appName, int processId) : ILogLineFormatter
{
    public string Format(LogEntry entry)
    {
        var line = new JObject
        {
            ["level"] = LevelName(entry.Level),
            ["pid"] = processId,
            ["logger_name"] = entry.Category,
            ["ts"] = entry.Timestamp.ToUnixTimeMilliseconds() / 1000.0,
            ["thread_name"] = Thread.CurrentThread.Name ?? $"Thread-{Environment.CurrentManagedThreadId}",
            ["app_name"] = appName,
            ["stream_name"] = entry.StreamName,
            ["message"] = entry.Metric is null ? entry.Message : "METRIC",
        };
        if (entry.Metric is { } metric)
        {
            line["metric_info"] = metric.ToJson();
        }

        if (entry.Exception is { } exception)
        {
            line["exception"] = ToJson(exception);
        }

        return line.ToString(Formatting.None);
    }

    /// <summary>Python's level names in lower case, as the SDK writes them.</summary>
    public static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        _ => "critical",
    };

    private static JObject ToJson(ExceptionInfo exception)
    {
        var json = new JObject
        {
            ["type"] = exception.Type,
            ["module"] = exception.Module,
            ["message"] = exception.Message,
        };
        if (exception.Cause is { } cause)
        {
            json["cause"] = ToJson(cause);
        }

        return json;
    }
}

using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Logging;

/// <summary>
/// A Singer metric (`counter` or `timer`), e.g. `record_count` per stream. Logged as
/// `METRIC: {json}` in text, and as message `METRIC` with `metric_info` in Meltano's JSON logs.
/// </summary>
public sealed record MetricPoint(string Type, string Metric, double Value, IReadOnlyDictionary<string, object?> Tags)
{
    public static MetricPoint Counter(string metric, long value, IReadOnlyDictionary<string, object?> tags) =>
        new("counter", metric, value, tags);

    public static MetricPoint Timer(string metric, TimeSpan duration, IReadOnlyDictionary<string, object?> tags) =>
        new("timer", metric, duration.TotalSeconds, tags);

    public JObject ToJson() => new()
    {
        ["type"] = Type,
        ["metric"] = Metric,
        ["value"] = Type == "counter" ? new JValue((long)Value) : new JValue(Value),
        ["tags"] = LogValueJson.FromPairs(Tags),
    };

    public override string ToString() => "METRIC: " + ToJson().ToString(Formatting.None);
}

/// <summary>Logs Singer metrics through any <see cref="ILogger"/>.</summary>
public static class MetricLogging
{
    public static void LogMetric(this ILogger logger, MetricPoint metric) =>
        logger.Log(LogLevel.Information, default, metric, null, static (point, _) => point.ToString());
}

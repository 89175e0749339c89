using Microsoft.Extensions.Logging;
using TargetSalesforce.Logging;

namespace TargetSalesforce.Loading;

/// <summary>A progress line at a steady interval, and Singer `record_count` METRIC lines per stream.</summary>
internal sealed class ProgressReporter(
    ILogger logger,
    TimeProvider time,
    TimeSpan interval,
    Func<IReadOnlyList<StreamCounters>> streams,
    Func<int> jobsInFlight) : IDisposable
{
    private readonly object gate = new();
    private ITimer? timer;
    private long lastRead;
    private long lastAt;

    public void Start()
    {
        lastAt = time.GetTimestamp();
        if (interval > TimeSpan.Zero)
        {
            timer = time.CreateTimer(_ => Report(), null, interval, interval);
        }
    }

    public void Report()
    {
        lock (gate)
        {
            var counts = streams();
            var read = counts.Sum(c => c.Read);
            var now = time.GetTimestamp();
            var seconds = time.GetElapsedTime(lastAt, now).TotalSeconds;
            var rate = seconds > 0 ? (read - lastRead) / seconds : 0;
            lastRead = read;
            lastAt = now;
            logger.LogInformation(
                "Progress: {Read} records read, {Committed} committed, {Failed} failed, {Jobs} jobs in flight, {Rate:F0} records/s",
                read, counts.Sum(c => c.Committed), counts.Sum(c => c.Failed), jobsInFlight(), rate);
            EmitMetrics(counts);
        }
    }

    /// <summary>One `record_count` counter per stream that read records since the last one.</summary>
    public void EmitMetrics(IReadOnlyList<StreamCounters> counts)
    {
        foreach (var stream in counts)
        {
            var value = stream.TakeReadSinceLastMetric();
            if (value == 0)
            {
                continue;
            }

            // A MetricPoint, not text: Meltano's JSON logs carry it as `metric_info`, Mage's as tags.metric.
            logger.LogMetric(MetricPoint.Counter("record_count", value, new Dictionary<string, object?> { ["stream"] = stream.Stream }));
        }
    }

    public void Dispose()
    {
        timer?.Dispose();
        timer = null;
    }
}

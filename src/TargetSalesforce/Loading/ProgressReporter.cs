using Microsoft.Extensions.Logging;
using TargetSalesforce.Logging;
using TargetSalesforce.Naming;

namespace TargetSalesforce.Loading;

/// <summary>
/// A progress line at a steady interval, and Singer METRIC lines per stream: `record_count` (records read)
/// and `record_outcome_count` (records settled, tagged `outcome`: committed, superseded, failed; at the end
/// of the run also not_reached) and `record_sent_count` (rows sent to Salesforce, tagged `route`: rest or bulk),
/// each counting what happened since the last one.
/// </summary>
internal sealed class ProgressReporter(
    ILogger logger,
    TimeProvider time,
    TimeSpan interval,
    Func<IReadOnlyList<StreamCounters>> streams,
    Func<int> jobsInFlight) : IDisposable
{
    private readonly object gate = new();
    private ITimer? timer;
    private long lastCommitted;
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
            var committed = counts.Sum(c => c.Committed);
            var now = time.GetTimestamp();
            var seconds = time.GetElapsedTime(lastAt, now).TotalSeconds;
            // The commit rate, not the read rate: reading runs ahead of Salesforce by the buffers' size.
            var rate = seconds > 0 ? (committed - lastCommitted) / seconds : 0;
            lastCommitted = committed;
            lastAt = now;
            logger.LogInformation(
                "Progress: {Read} records read, {Committed} committed, {Superseded} superseded, {Failed} failed, {Jobs} in flight, {Rate:F0} records/s committed",
                counts.Sum(c => c.Read), committed, counts.Sum(c => c.Superseded), counts.Sum(c => c.Failed), Counted.Of(jobsInFlight(), "job"), rate);
            EmitMetrics(counts);
        }
    }

    /// <summary>Per stream, the `record_count` and `record_outcome_count` counters that moved since the last ones.</summary>
    public void EmitMetrics(IReadOnlyList<StreamCounters> counts)
    {
        foreach (var stream in counts)
        {
            Emit("record_count", stream.TakeReadSinceLastMetric(), stream.Stream, outcome: null);
            foreach (var (outcome, count) in stream.TakeOutcomesSinceLastMetric())
            {
                Emit("record_outcome_count", count, stream.Stream, outcome);
            }

            foreach (var (route, count) in stream.TakeSentSinceLastMetric())
            {
                Emit("record_sent_count", count, stream.Stream, route, "route");
            }
        }
    }

    /// <summary>The last counters of a run, with the records it never reached.</summary>
    public void EmitFinalMetrics(IReadOnlyList<StreamCounters> counts)
    {
        lock (gate)
        {
            EmitMetrics(counts);
            foreach (var stream in counts)
            {
                Emit("record_outcome_count", stream.ToSummary().NotReached, stream.Stream, "not_reached");
            }
        }
    }

    private void Emit(string metric, long value, string stream, string? outcome, string tag = "outcome")
    {
        if (value == 0)
        {
            return;
        }

        var tags = new Dictionary<string, object?> { ["stream"] = stream };
        if (outcome is not null)
        {
            tags[tag] = outcome;
        }

        // A MetricPoint, not text: Meltano's JSON logs carry it as `metric_info`, Mage's as tags.metric.
        logger.LogMetric(MetricPoint.Counter(metric, value, tags));
    }

    public void Dispose()
    {
        timer?.Dispose();
        timer = null;
    }
}

using TargetSalesforce.Destination;

namespace TargetSalesforce.Loading;

/// <summary>Record counts of one stream, updated by the reader and by jobs finishing on other threads.</summary>
internal sealed class StreamCounters(string stream, string objectName)
{
    private long read;
    private long committed;
    private long superseded;
    private long failed;
    private long lastMetricRead;
    private long failuresLogged;
    private readonly long[] lastMetricOutcomes = new long[3];
    private readonly long[] sent = new long[2];
    private readonly long[] lastMetricSent = new long[2];

    public string Stream { get; } = stream;

    public string ObjectName { get; } = objectName;

    public long Read => Interlocked.Read(ref read);

    public long Committed => Interlocked.Read(ref committed);

    /// <summary>Records replaced in their job by a later record of the same key that committed: never sent.</summary>
    public long Superseded => Interlocked.Read(ref superseded);

    public long Failed => Interlocked.Read(ref failed);

    /// <summary>Rows sent to Salesforce by REST (sObject Collections); a row sent again after a lock error counts again.</summary>
    public long SentByRest => Interlocked.Read(ref sent[(int)LoadRoute.Rest]);

    /// <summary>Rows sent to Salesforce in Bulk jobs; a row sent again after a lock error counts again.</summary>
    public long SentByBulk => Interlocked.Read(ref sent[(int)LoadRoute.Bulk]);

    public void AddSent(LoadRoute route, long count) => Interlocked.Add(ref sent[(int)route], count);

    /// <summary>Rows sent per route since the last call: the values of the next `record_sent_count` counters.</summary>
    public IReadOnlyList<(string Route, long Count)> TakeSentSinceLastMetric() =>
    [
        ("rest", SentByRest - Interlocked.Exchange(ref lastMetricSent[(int)LoadRoute.Rest], SentByRest)),
        ("bulk", SentByBulk - Interlocked.Exchange(ref lastMetricSent[(int)LoadRoute.Bulk], SentByBulk)),
    ];

    public void AddRead() => Interlocked.Increment(ref read);

    public void AddCommitted(long count) => Interlocked.Add(ref committed, count);

    public void AddSuperseded(long count) => Interlocked.Add(ref superseded, count);

    public void AddFailed(long count) => Interlocked.Add(ref failed, count);

    /// <summary>Counts one more failed record logged; its number (1 for the first) says whether it still gets a warning.</summary>
    public long NextFailureLogged() => Interlocked.Increment(ref failuresLogged);

    /// <summary>Records read since the last call: the value of the next `record_count` counter metric.</summary>
    public long TakeReadSinceLastMetric()
    {
        var now = Read;
        return now - Interlocked.Exchange(ref lastMetricRead, now);
    }

    /// <summary>Records settled per outcome since the last call: the values of the next `record_outcome_count` counters.</summary>
    public IReadOnlyList<(string Outcome, long Count)> TakeOutcomesSinceLastMetric()
    {
        var now = new[] { Committed, Superseded, Failed };
        var outcomes = new List<(string, long)>(now.Length);
        for (var i = 0; i < now.Length; i++)
        {
            outcomes.Add((OutcomeNames[i], now[i] - Interlocked.Exchange(ref lastMetricOutcomes[i], now[i])));
        }

        return outcomes;
    }

    /// <summary>The outcome tags of the `record_outcome_count` metric, in <see cref="TakeOutcomesSinceLastMetric"/> order.</summary>
    private static readonly string[] OutcomeNames = ["committed", "superseded", "failed"];

    public StreamSummary ToSummary() => new(Stream, ObjectName, Read, Committed, Superseded, Failed, SentByRest, SentByBulk);
}

namespace TargetSalesforce.Loading;

/// <summary>Record counts of one stream, updated by the reader and by jobs finishing on other threads.</summary>
internal sealed class StreamCounters(string stream, string objectName)
{
    private long read;
    private long committed;
    private long failed;
    private long lastMetricRead;

    public string Stream { get; } = stream;

    public string ObjectName { get; } = objectName;

    public long Read => Interlocked.Read(ref read);

    public long Committed => Interlocked.Read(ref committed);

    public long Failed => Interlocked.Read(ref failed);

    public void AddRead() => Interlocked.Increment(ref read);

    public void AddCommitted(long count) => Interlocked.Add(ref committed, count);

    public void AddFailed(long count) => Interlocked.Add(ref failed, count);

    /// <summary>Records read since the last call: the value of the next `record_count` counter metric.</summary>
    public long TakeReadSinceLastMetric()
    {
        var now = Read;
        return now - Interlocked.Exchange(ref lastMetricRead, now);
    }

    public StreamSummary ToSummary() => new(Stream, ObjectName, Read, Committed, Failed);
}

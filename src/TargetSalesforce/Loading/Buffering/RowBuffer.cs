using TargetSalesforce.Destination;

namespace TargetSalesforce.Loading.Buffering;

/// <summary>
/// The rows waiting for one writer's next job. A key seen twice keeps only its last record (the
/// earlier one rides along as superseded), because a Bulk job must not name a row twice. The
/// <see cref="FlushEngine"/> decides when the rows go.
/// </summary>
internal sealed class RowBuffer(IObjectWriter writer, StreamCounters counters)
{
    private List<BufferedRow> rows = [];
    private Dictionary<string, int> positions = new(StringComparer.Ordinal);

    public IObjectWriter Writer { get; } = writer;

    /// <summary>The counts of the stream whose records these are.</summary>
    public StreamCounters Counters { get; } = counters;

    /// <summary>The stream's other buffer (its deletes beside its writes, and back), when it has one.</summary>
    public RowBuffer? Companion { get; set; }

    public int Count => rows.Count;

    public long Bytes { get; private set; }

    /// <summary>How many times rows were taken for a job.</summary>
    public int Taken { get; private set; }

    /// <summary>When the oldest row came in (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long StartedAt { get; private set; }

    private bool Dedupes => Writer.Operation.Action != LoadAction.Insert;

    public bool Contains(string key) => positions.ContainsKey(key);

    public void Add(BufferedRow row, long now)
    {
        if (rows.Count == 0)
        {
            StartedAt = now;
        }

        if (row.Key is { } key && Dedupes)
        {
            if (positions.TryGetValue(key, out var index))
            {
                var older = rows[index];
                row.Supersede(older);
                rows[index] = row;
                Bytes += row.Row.Length - older.Row.Length;
                return;
            }

            positions[key] = rows.Count;
        }

        rows.Add(row);
        Bytes += row.Row.Length;
    }

    /// <summary>Hands over every buffered row and starts empty.</summary>
    public BufferedRow[] Take()
    {
        var taken = rows.ToArray();
        rows = [];
        positions = new Dictionary<string, int>(StringComparer.Ordinal);
        Bytes = 0;
        Taken++;
        return taken;
    }
}

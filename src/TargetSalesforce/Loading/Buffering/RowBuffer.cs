using System.Runtime.InteropServices;
using TargetSalesforce.Destination;

namespace TargetSalesforce.Loading.Buffering;

/// <summary>
/// The rows waiting for one writer's next job. A Bulk job must not name a row twice, so a key seen
/// twice either keeps only its last record (the earlier one rides along as superseded) or, when
/// <paramref name="holdRepeats"/>, keeps the first and holds the later one back to open the buffer's
/// next job. The <see cref="FlushEngine"/> decides when the rows go.
/// </summary>
internal sealed class RowBuffer(IObjectWriter writer, StreamCounters counters, bool holdRepeats)
{
    // Both are emptied, not replaced, when rows are taken: regrown from nothing for every job, they were a tenth of a
    // run's garbage besides the records, much of it arrays large enough to make the GC sweep its oldest generation.
    private readonly List<BufferedRow> rows = [];
    private readonly Dictionary<string, int> positions = new(StringComparer.Ordinal);

    // Records whose key the next job already names, in input order: they start the job after it.
    private List<BufferedRow> held = [];

    // Whole batches kept back while Salesforce has work queued (FlushEngine's reserve), oldest first, each with the
    // time its oldest row came in.
    private readonly Queue<(BufferedRow[] Rows, long StartedAt)> reserved = new();

    public IObjectWriter Writer { get; } = writer;

    /// <summary>The counts of the stream whose records these are.</summary>
    public StreamCounters Counters { get; } = counters;

    /// <summary>The stream's other buffer (its deletes beside its writes, and back), when it has one.</summary>
    public RowBuffer? Companion { get; set; }

    /// <summary>Rows in the next job (held repeats not counted: they wait for the one after).</summary>
    public int Count => rows.Count;

    /// <summary>Repeats of a key are held for a later job rather than superseded.</summary>
    public bool HoldsRepeats { get; } = holdRepeats;

    public long Bytes { get; private set; }

    /// <summary>How many times rows were taken for a job.</summary>
    public int Taken { get; private set; }

    /// <summary>When the oldest row came in (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long StartedAt { get; private set; }

    /// <summary>A row of the next job (or held for the one after) names a parent it locks.</summary>
    public bool NamesParents { get; private set; }

    /// <summary>Rows of the batches kept back (<see cref="Reserve"/>).</summary>
    public int ReservedRows { get; private set; }

    public bool HasReserve => reserved.Count > 0;

    /// <summary>When the oldest row of the oldest batch kept back came in.</summary>
    public long ReserveStartedAt => reserved.Peek().StartedAt;

    private bool Dedupes => Writer.Operation.Action != LoadAction.Insert;

    public bool Contains(string key) => positions.ContainsKey(key);

    public void Add(BufferedRow row, long now)
    {
        if (rows.Count == 0)
        {
            StartedAt = now;
        }

        NamesParents |= row.ParentLock is not null;

        if (row.Key is { } key && Dedupes)
        {
            // One lookup for both cases: every buffered row passes here, most of them with a key not seen before.
            ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(positions, key, out var seen);
            if (seen)
            {
                if (HoldsRepeats)
                {
                    held.Add(row);
                    return;
                }

                var older = rows[index];
                row.Supersede(older);
                rows[index] = row;
                Bytes += row.Row.Length - older.Row.Length;
                return;
            }

            index = rows.Count;
        }

        rows.Add(row);
        Bytes += row.Row.Length;
    }

    /// <summary>
    /// Hands over the rows of the next job. The buffer starts again with the held repeats, if any (as old as
    /// the rows they came with, so the age limit still sees them); otherwise empty.
    /// </summary>
    public BufferedRow[] Take()
    {
        var taken = rows.ToArray();
        rows.Clear();
        positions.Clear();
        Bytes = 0;
        Taken++;
        NamesParents = false;
        if (held.Count > 0)
        {
            var carried = held;
            held = [];
            foreach (var row in carried)
            {
                Add(row, StartedAt);
            }
        }

        return taken;
    }

    /// <summary>Keeps a batch taken from this buffer back, to go out after those kept before it.</summary>
    public void Reserve(BufferedRow[] batch, long startedAt)
    {
        reserved.Enqueue((batch, startedAt));
        ReservedRows += batch.Length;
    }

    /// <summary>The oldest batch kept back.</summary>
    public BufferedRow[] TakeReserved()
    {
        var (batch, _) = reserved.Dequeue();
        ReservedRows -= batch.Length;
        return batch;
    }
}

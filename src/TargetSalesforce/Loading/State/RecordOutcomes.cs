using TargetSalesforce.Output;

namespace TargetSalesforce.Loading.State;

/// <summary>
/// Where every record ends: committed, or failed (reject file, counts, and then either reported —
/// with allow_failures — or the run halts). Settling a record is what lets the state move past it.
/// </summary>
internal sealed class RecordOutcomes(StateTracker tracker, RejectFile? rejects, RunHalt halt, bool allowFailures)
{
    /// <summary>True when failed records must be written out whole, so the raw JSON of each record is kept.</summary>
    public bool KeepsRawRecords => rejects is not null;

    public bool AllowFailures => allowFailures;

    public void Committed(StreamCounters counters, IEnumerable<BufferedRow> rows)
    {
        long total = 0;
        var segment = -1L;
        var run = 0;
        foreach (var row in rows)
        {
            foreach (var record in row.Records())
            {
                if (record.Segment != segment)
                {
                    if (run > 0)
                    {
                        tracker.Settle(segment, run);
                    }

                    segment = record.Segment;
                    run = 0;
                }

                run++;
                total++;
            }
        }

        if (run > 0)
        {
            tracker.Settle(segment, run);
        }

        counters.AddCommitted(total);
    }

    /// <summary>A record that failed before it reached a buffer (invalid, or its writer could not encode it).</summary>
    public void FailedBeforeLoading(StreamCounters counters, long line, long segment, string? rawRecord, string errorCode, string message) =>
        Failed(counters, new BufferedRow(ReadOnlyMemory<byte>.Empty, null, line, segment, rawRecord), errorCode, message);

    public void Failed(StreamCounters counters, BufferedRow row, string errorCode, string message)
    {
        foreach (var record in row.Records())
        {
            rejects?.Write(counters.Stream, record.Line, record.RawRecord, errorCode, message);
        }

        counters.AddFailed(row.RecordCount);
        if (allowFailures)
        {
            foreach (var record in row.Records())
            {
                tracker.Settle(record.Segment, 1);
            }

            return;
        }

        halt.Halt($"stream '{counters.Stream}' (object {counters.ObjectName}): the record at line {row.Line} failed with {errorCode}: {message}. " +
                  "Stopping because allow_failures is false.");
    }
}

using TargetSalesforce.Output;

namespace TargetSalesforce.Loading.State;

/// <summary>
/// Where every record ends: committed; superseded (replaced in its job by a later record of its key that
/// committed, so never sent); or failed (reject file, counts, and then either reported — with
/// allow_failures — or the run halts). Settling a record is what lets the state move past it. Records
/// never settled were not reached.
/// </summary>
internal sealed class RecordOutcomes(StateTracker tracker, RejectFile? rejects, RunHalt halt, bool allowFailures)
{
    /// <summary>True when failed records must be written out whole, so the raw JSON of each record is kept.</summary>
    public bool KeepsRawRecords => rejects is not null;

    public bool AllowFailures => allowFailures;

    /// <summary>The run has halted: nothing more may change the org.</summary>
    public bool Halted => halt.IsHalted;

    /// <summary>The rows committed; the earlier records each had replaced are superseded.</summary>
    public void Committed(StreamCounters counters, IEnumerable<BufferedRow> rows)
    {
        long committed = 0;
        long superseded = 0;
        var segment = -1L;
        var run = 0;
        foreach (var row in rows)
        {
            committed++;
            superseded += row.RecordCount - 1;
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
            }
        }

        if (run > 0)
        {
            tracker.Settle(segment, run);
        }

        counters.AddCommitted(committed);
        counters.AddSuperseded(superseded);
    }

    /// <summary>A record that failed before it reached a buffer (invalid, or its writer could not encode it).</summary>
    public void FailedBeforeLoading(StreamCounters counters, long line, long segment, string? rawRecord, string errorCode, string message) =>
        Failed(counters, new BufferedRow(ReadOnlyMemory<byte>.Empty, null, line, segment, rawRecord), errorCode, message);

    /// <summary>
    /// The row's own record failed, with this code and message. A row still standing for earlier records of its
    /// key never fails here: the job sends those first, then the row again, so no record is ever given another
    /// one's outcome.
    /// </summary>
    public void Failed(StreamCounters counters, BufferedRow row, string errorCode, string message)
    {
        if (row.Superseded is { Count: > 0 })
        {
            throw new InvalidOperationException($"The record at line {row.Line} failed while it still stood for earlier records of its key.");
        }

        rejects?.Write(counters.Stream, row.Line, row.RawRecord, errorCode, message);
        counters.AddFailed(1);
        if (allowFailures)
        {
            tracker.Settle(row.Segment, 1);
            return;
        }

        halt.Halt($"stream '{counters.Stream}' (object {counters.ObjectName}): the record at line {row.Line} failed with {errorCode}: {message}. " +
                  "Stopping because allow_failures is false.");
    }
}

using Microsoft.Extensions.Logging;
using TargetSalesforce.Destination;
using TargetSalesforce.Output;

namespace TargetSalesforce.Loading.State;

/// <summary>
/// Where every record ends: committed; superseded (replaced in its job by a later record of its key that
/// committed, so never sent); or failed (reject file, counts, and then either reported — with
/// allow_failures — or the run halts). Settling a record is what lets the state move past it. Records
/// never settled were not reached.
/// </summary>
internal sealed class RecordOutcomes(
    StateTracker tracker, RejectFile? rejects, RunHalt halt, bool allowFailures, ILogger logger, int warnedFailuresPerStream, ResultsFile? results = null)
{
    /// <summary>True when accepted records' Ids go to a results file, so each row keeps its key properties.</summary>
    public bool WritesResults => results is not null;

    /// <summary>Where failed records are kept whole, or null: then the log is the only place that shows them.</summary>
    public string? RejectFilePath => rejects?.Path;

    /// <summary>True when failed records must be written out whole, so the raw JSON of each record is kept.</summary>
    public bool KeepsRawRecords => rejects is not null;

    public bool AllowFailures => allowFailures;

    /// <summary>The run has halted: nothing more may change the org.</summary>
    public bool Halted => halt.IsHalted;

    /// <summary>
    /// The Ids Salesforce gave the committed rows of one job, written in input order and flushed: called before
    /// <see cref="Committed"/>, so the state that covers a record is emitted only once its Id is on disk.
    /// </summary>
    public void Accepted(StreamCounters counters, IEnumerable<(BufferedRow Row, RowSuccess? Success)> rows)
    {
        if (results is null)
        {
            return;
        }

        var missing = 0;
        var lines = new List<ResultsFile.Line>();
        foreach (var (row, success) in rows.OrderBy(r => r.Row.Line))
        {
            if (success is null)
            {
                missing++;
                continue;
            }

            lines.Add(new ResultsFile.Line(counters.Stream, row.Line, row.KeyJson, success.Id, success.Created));
        }

        results.Write(lines);
        if (missing > 0)
        {
            logger.LogWarning(
                "Stream '{Stream}' → {Object}: Salesforce's results named no Id for {Missing} committed records, so the results file lacks them",
                counters.Stream, counters.ObjectName, missing);
        }
    }

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
            if (row.Superseded is { } earlier)
            {
                foreach (var record in earlier)
                {
                    Count(record.Segment);
                }
            }

            Count(row.Segment); // not row.Records(): an iterator per row was a tenth of a run's garbage besides the records
        }

        if (run > 0)
        {
            tracker.Settle(segment, run);
        }

        counters.AddCommitted(committed);
        counters.AddSuperseded(superseded);

        // Runs of records read in one state segment settle together.
        void Count(long recordSegment)
        {
            if (recordSegment != segment)
            {
                if (run > 0)
                {
                    tracker.Settle(segment, run);
                }

                segment = recordSegment;
                run = 0;
            }

            run++;
        }
    }

    /// <summary>
    /// A record that failed before it reached a buffer (invalid, or its writer could not encode it).
    /// Without allow_failures this throws <see cref="RecordRejectedException"/>: the caller loads what came before, then halts.
    /// </summary>
    public void FailedBeforeLoading(StreamCounters counters, long line, long segment, string? rawRecord, string errorCode, string message)
    {
        var row = new BufferedRow(ReadOnlyMemory<byte>.Empty, null, line, segment, rawRecord);
        if (allowFailures)
        {
            Failed(counters, row, errorCode, message);
            return;
        }

        rejects?.Write(counters.Stream, line, rawRecord, errorCode, message);
        counters.AddFailed(1);
        throw new RecordRejectedException(HaltReason(counters, line, errorCode, message, ""));
    }

    /// <summary>
    /// The row's own record failed, with this code and message. A row still standing for earlier records of its
    /// key never fails here: the job sends those first, then the row again, so no record is ever given another
    /// one's outcome.
    /// </summary>
    public void Failed(StreamCounters counters, BufferedRow row, string errorCode, string message, string fields = "")
    {
        if (row.Superseded is { Count: > 0 })
        {
            throw new InvalidOperationException($"The record at line {row.Line} failed while it still stood for earlier records of its key.");
        }

        rejects?.Write(counters.Stream, row.Line, row.RawRecord, errorCode, message);
        counters.AddFailed(1);
        if (allowFailures)
        {
            // Without allow_failures the halt reason names the record instead.
            LogFailure(counters, row.Line, errorCode, message, fields);
            tracker.Settle(row.Segment, 1);
            return;
        }

        halt.Halt(HaltReason(counters, row.Line, errorCode, message, fields));
    }

    /// <summary>Longest message from Salesforce a log line carries: its messages quote values, and a value may be megabytes.</summary>
    private const int LoggedMessageLength = 300;

    private static string Shortened(string message) =>
        message.Length <= LoggedMessageLength
            ? message
            : $"{message.AsSpan(0, LoggedMessageLength)}… ({message.Length} characters in all)";

    private static string HaltReason(StreamCounters counters, long line, string errorCode, string message, string fields) =>
        $"stream '{counters.Stream}' (object {counters.ObjectName}): the record at line {line} failed with {errorCode}: {Shortened(message)}" +
        (fields.Length > 0 ? $" (fields: {fields})" : "") + ". Stopping because allow_failures is false.";

    /// <summary>
    /// The first failures of each stream at WARNING (never ERROR: Mage fails the block on an ERROR line,
    /// and these failures are tolerated), every one at DEBUG.
    /// </summary>
    private void LogFailure(StreamCounters counters, long line, string errorCode, string message, string fields)
    {
        var number = counters.NextFailureLogged();
        var level = number <= warnedFailuresPerStream ? LogLevel.Warning : LogLevel.Debug;
        if (!logger.IsEnabled(level))
        {
            return;
        }

        logger.Log(
            level,
            "Stream '{Stream}' → {Object}: the record at line {Line} failed with {Code}: {Message}{Fields}{More}",
            counters.Stream, counters.ObjectName, line, errorCode, Shortened(message),
            fields.Length > 0 ? $" (fields: {fields})" : "",
            number == warnedFailuresPerStream ? " (further failures of this stream are logged at DEBUG only)" : "");
    }
}

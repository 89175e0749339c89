namespace TargetSalesforce.Loading;

/// <summary>How a run ended.</summary>
public enum RunOutcome
{
    /// <summary>The input was read to its end and every record was committed or (with allow_failures) reported.</summary>
    Completed,

    /// <summary>A failed record without allow_failures, or a fatal error: the run stopped early.</summary>
    Halted,

    /// <summary>A termination signal stopped the run.</summary>
    Cancelled,
}

/// <summary>The end of a run: the outcome, the reason when it did not complete, and the counts.</summary>
public sealed record RunResult(RunOutcome Outcome, string? Reason, RunSummary Summary)
{
    public bool Succeeded => Outcome == RunOutcome.Completed;

    /// <summary>0 on success, 1 otherwise (the halt reason is already logged once).</summary>
    public int ExitCode => Succeeded ? 0 : 1;
}

/// <summary>
/// The counts of a run. Each record read is committed, superseded (replaced in its job by a later record of
/// its key that committed), failed, or else not reached (the run stopped first).
/// </summary>
public sealed record RunSummary(
    IReadOnlyList<StreamSummary> Streams,
    long RecordsRead,
    long RecordsCommitted,
    long RecordsSuperseded,
    long RecordsFailed,
    long Jobs,
    long StatesEmitted,
    TimeSpan Elapsed)
{
    /// <summary>sObject Collections calls the run made.</summary>
    public long RestCalls { get; init; }

    public long SentByRest => Streams.Sum(s => s.SentByRest);

    public long SentByBulk => Streams.Sum(s => s.SentByBulk);

    public long RecordsNotReached => RecordsRead - RecordsCommitted - RecordsSuperseded - RecordsFailed;

    /// <summary>Rows sent again after Salesforce answered UNABLE_TO_LOCK_ROW (the safety net of lock-aware ordering).</summary>
    public long LockRetries { get; init; }
}

/// <summary>The counts of one stream and the object it loads.</summary>
/// <param name="SentByRest">Rows sent through sObject Collections (a row sent again counts again).</param>
/// <param name="SentByBulk">Rows sent in Bulk jobs (a row sent again counts again).</param>
public sealed record StreamSummary(string Stream, string ObjectName, long Read, long Committed, long Superseded, long Failed, long SentByRest = 0, long SentByBulk = 0)
{
    public long NotReached => Read - Committed - Superseded - Failed;
}

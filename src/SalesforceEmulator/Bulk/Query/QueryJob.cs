using SalesforceEmulator.Bulk.Csv;
using SalesforceEmulator.Rest.Soql;

namespace SalesforceEmulator.Bulk.Query;

/// <summary>
/// One Bulk API 2.0 query job: its query and settings, its state (UploadComplete → InProgress → JobComplete, or
/// Aborted, or Failed) and, once complete, the rows it selected. State changes happen under <see cref="Gate"/>.
/// </summary>
public sealed class QueryJob
{
    private readonly JobLifecycle lifecycle;
    private volatile bool waitingForClock;

    public QueryJob(string id, SoqlQuery query, string objectName, bool includeDeleted, CsvDialect dialect, string apiVersion,
        string createdById, DateTimeOffset createdDate)
    {
        Id = id;
        Query = query;
        ObjectName = objectName;
        IncludeDeleted = includeDeleted;
        Dialect = dialect;
        ApiVersion = apiVersion;
        CreatedById = createdById;
        CreatedDate = createdDate;
        lifecycle = new JobLifecycle(JobState.UploadComplete, createdDate);
    }

    public string Id { get; }

    /// <summary>The parsed query, checked against the org when the job was created.</summary>
    public SoqlQuery Query { get; }

    /// <summary>The queried object, as the org spells it.</summary>
    public string ObjectName { get; }

    /// <summary>queryAll: the recycle bin's records are selected too.</summary>
    public bool IncludeDeleted { get; }

    /// <summary>The API name of the operation: query or queryAll.</summary>
    public string Operation => IncludeDeleted ? "queryAll" : "query";

    public CsvDialect Dialect { get; }

    /// <summary>The version of the URL that created the job, e.g. "60.0"; results are served at this version only.</summary>
    public string ApiVersion { get; }

    public string CreatedById { get; }

    public DateTimeOffset CreatedDate { get; }

    public object Gate => lifecycle.Gate;

    public JobState State => lifecycle.State;

    public DateTimeOffset SystemModstamp => lifecycle.SystemModstamp;

    public string? ErrorMessage => lifecycle.ErrorMessage;

    public DateTimeOffset? ProcessingStarted => lifecycle.ProcessingStarted;

    public DateTimeOffset? ProcessingEnded => lifecycle.ProcessingEnded;

    /// <summary>The rows selected, set when the job completes; null before.</summary>
    public SoqlResult? Result { get; private set; }

    /// <summary>Rows processed: the rows selected, once the job is complete.</summary>
    public long Processed => Result?.Records.Count ?? 0;

    /// <summary>True while processing waits for the clock (the processing rate).</summary>
    public bool WaitingForClock => waitingForClock;

    /// <summary>Completes when the job reaches JobComplete, Failed or Aborted.</summary>
    public Task Completion => lifecycle.Completion;

    internal CancellationTokenSource AbortSource => lifecycle.AbortSource;

    /// <summary>Moves from one state to another if the job is in the first; false otherwise. Caller locks Gate.</summary>
    internal bool TryMove(JobState from, JobState to, DateTimeOffset now, string? errorMessage = null) =>
        lifecycle.TryMove(from, to, now, errorMessage);

    /// <summary>Completes the job with its rows. Caller locks Gate.</summary>
    internal bool TryComplete(SoqlResult result, DateTimeOffset now)
    {
        if (State != JobState.InProgress)
            return false;
        Result = result;
        return TryMove(JobState.InProgress, JobState.JobComplete, now);
    }

    internal void SetWaitingForClock(bool waiting)
    {
        waitingForClock = waiting;
        lifecycle.Progress.Fire();
    }

    /// <summary>Waits until the condition holds, re-checking at every change of state or pause (tests drive a fake clock).</summary>
    public Task WaitUntilAsync(Func<QueryJob, bool> condition, CancellationToken cancellationToken) =>
        lifecycle.Progress.WaitUntilAsync(() => condition(this), cancellationToken);
}

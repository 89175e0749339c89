using SalesforceEmulator.Bulk.Csv;
using SalesforceEmulator.Bulk.Rows;
using SalesforceEmulator.Org;

namespace SalesforceEmulator.Bulk;

/// <summary>
/// One Bulk API 2.0 ingest job: its settings, state, upload and per-row outcomes. State changes happen under
/// <see cref="Gate"/>; the counters are written by the one processing task and read by anyone.
/// </summary>
public sealed class IngestJob
{
    private readonly JobLifecycle lifecycle;
    private long processed;
    private long failed;
    private int waitingForClock;
    private int waitingForLock;

    public IngestJob(string id, string objectName, IngestOperation operation, string? externalIdFieldName, CsvDialect dialect,
        string apiVersion, string createdById, DateTimeOffset createdDate)
    {
        Id = id;
        ObjectName = objectName;
        Operation = operation;
        ExternalIdFieldName = externalIdFieldName;
        Dialect = dialect;
        ApiVersion = apiVersion;
        CreatedById = createdById;
        CreatedDate = createdDate;
        lifecycle = new JobLifecycle(JobState.Open, createdDate);
    }

    public string Id { get; }

    public string ObjectName { get; }

    public IngestOperation Operation { get; }

    public string? ExternalIdFieldName { get; }

    public CsvDialect Dialect { get; }

    /// <summary>The version of the URL that created the job, e.g. "60.0".</summary>
    public string ApiVersion { get; }

    public string CreatedById { get; }

    /// <summary>The Case or Lead assignment rule the job was created with, echoed in its job info.</summary>
    public string? AssignmentRuleId { get; init; }

    /// <summary>Bytes of the stored upload.</summary>
    public long UploadBytes { get; internal set; }

    public DateTimeOffset CreatedDate { get; }

    /// <summary>The User-Agent of the request that created the job, for the console; null when none was sent.</summary>
    public string? CreatedByClient { get; internal set; }

    public object Gate => lifecycle.Gate;

    public JobState State => lifecycle.State;

    public DateTimeOffset SystemModstamp => lifecycle.SystemModstamp;

    public string? ErrorMessage => lifecycle.ErrorMessage;

    /// <summary>State, modstamp and error message as of now. Caller locks Gate.</summary>
    public JobStatus Status => new(State, SystemModstamp, ErrorMessage);

    /// <summary>The uploaded CSV, kept in a temporary file until the job is deleted.</summary>
    public string? UploadPath { get; internal set; }

    public DateTimeOffset? ProcessingStarted => lifecycle.ProcessingStarted;

    public DateTimeOffset? ProcessingEnded => lifecycle.ProcessingEnded;

    /// <summary>
    /// Rows processed so far, failed ones included (as numberRecordsProcessed counts them). It grows a chunk at a time,
    /// as a real job's does: a chunk's rows count once the chunk is done (or stopped by an abort).
    /// </summary>
    public long Processed => Interlocked.Read(ref processed);

    public long Failed => Interlocked.Read(ref failed);

    /// <summary>True while any chunk of the job waits for the clock to allow more rows (the processing rate).</summary>
    public bool WaitingForClock => Volatile.Read(ref waitingForClock) > 0;

    /// <summary>True while any chunk of the job waits for a parent row another worker's transaction holds.</summary>
    public bool WaitingForLock => Volatile.Read(ref waitingForLock) > 0;

    /// <summary>Chunks of the job now waiting for the clock.</summary>
    public int ChunksWaitingForClock => Volatile.Read(ref waitingForClock);

    /// <summary>Chunks the job was split into (known once processing has read the upload).</summary>
    public int ChunkCount { get; internal set; }

    /// <summary>The uploaded header as parsed, and whether each name was quoted (results echo it as uploaded).</summary>
    public IReadOnlyList<string> Header { get; internal set; } = [];

    public IReadOnlyList<bool> HeaderQuoted { get; internal set; } = [];

    /// <summary>Data rows in the upload (known once processing has read it).</summary>
    public int RowCount { get; private set; }

    // A row's record (its id made only when results are read, so a job holds no id string per row), an id string
    // (a failed row that names one), or null.
    private object?[] outcomeIds = [];

    internal string?[] OutcomeErrors { get; private set; } = [];

    // Per row: processed, and created (an insert). Bytes, not bits, so chunks of one job on several workers never
    // write the same word.
    private byte[] rowFlags = [];
    private const byte DoneFlag = 1;
    private const byte CreatedFlag = 2;

    internal CancellationTokenSource AbortSource => lifecycle.AbortSource;

    /// <summary>Completes when the job reaches JobComplete, Failed or Aborted.</summary>
    public Task Completion => lifecycle.Completion;

    /// <summary>Moves from one state to another if the job is in the first; false otherwise. Caller locks Gate.</summary>
    internal bool TryMove(JobState from, JobState to, DateTimeOffset now, string? errorMessage = null) =>
        lifecycle.TryMove(from, to, now, errorMessage);

    /// <summary>A fresh reader over the upload (processing and each results download read it anew).</summary>
    internal CsvRowReader OpenUpload() =>
        new(new FileStream(UploadPath!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16,
            FileOptions.SequentialScan), Dialect);

    internal void PrepareOutcomes(int rowCount)
    {
        RowCount = rowCount;
        outcomeIds = new object?[rowCount];
        OutcomeErrors = new string?[rowCount];
        rowFlags = new byte[rowCount];
    }

    /// <summary>Whether the row has been processed (its outcome is final).</summary>
    internal bool IsRowDone(int rowIndex) => rowIndex < rowFlags.Length && (Volatile.Read(ref rowFlags[rowIndex]) & DoneFlag) != 0;

    /// <summary>Whether a processed row created its record.</summary>
    internal bool IsRowCreated(int rowIndex) => (rowFlags[rowIndex] & CreatedFlag) != 0;

    /// <summary>The sf__Id of a processed row, if any.</summary>
    internal string? OutcomeId(int rowIndex) => outcomeIds[rowIndex] switch
    {
        SObjectRecord record => record.Id,
        var id => (string?)id,
    };

    /// <summary>Stores a row's outcome; the counters move when its chunk is published (<see cref="PublishChunk"/>).</summary>
    internal void Record(int rowIndex, RowOutcome outcome)
    {
        outcomeIds[rowIndex] = (object?)outcome.Record ?? outcome.Id;
        OutcomeErrors[rowIndex] = outcome.Error;
        Volatile.Write(ref rowFlags[rowIndex], (byte)(DoneFlag | (outcome.Created ? CreatedFlag : 0)));
    }

    /// <summary>Counts a chunk's processed and failed rows into the job's counters.</summary>
    internal void PublishChunk(int processedRows, int failedRows)
    {
        Interlocked.Add(ref failed, failedRows);
        Interlocked.Add(ref processed, processedRows);
        lifecycle.Progress.Fire();
    }

    internal void SetWaitingForClock(bool waiting)
    {
        Interlocked.Add(ref waitingForClock, waiting ? 1 : -1);
        lifecycle.Progress.Fire();
    }

    internal void SetWaitingForLock(bool waiting)
    {
        Interlocked.Add(ref waitingForLock, waiting ? 1 : -1);
        lifecycle.Progress.Fire();
    }

    /// <summary>
    /// Waits until the condition holds, re-checking at every change of state or pause of processing
    /// (tests drive a fake clock with it, never sleeping).
    /// </summary>
    public Task WaitUntilAsync(Func<IngestJob, bool> condition, CancellationToken cancellationToken) =>
        lifecycle.Progress.WaitUntilAsync(() => condition(this), cancellationToken);
}

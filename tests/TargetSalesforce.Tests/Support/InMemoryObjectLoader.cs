using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading;

namespace TargetSalesforce.Tests.Support;

/// <summary>
/// An in-memory Salesforce for the pipeline: writers encode a record as its JSON (one line), and
/// loads land in <see cref="Org"/>. With <see cref="HoldLoads"/>, each load waits until the test
/// completes it, in any order. Staging only records the batch (<see cref="Steps"/>); the load (and
/// the hold) happens when the staged load completes.
/// </summary>
internal sealed class InMemoryObjectLoader : IObjectLoader
{
    private readonly Channel<PendingLoad> arrivals = Channel.CreateUnbounded<PendingLoad>();
    private int running;
    private int maxRunning;
    private int jobNumber;

    /// <summary>Loads wait for the test (<see cref="NextLoadAsync"/>) instead of committing at once.</summary>
    public bool HoldLoads { get; init; }

    /// <summary>Per row (as its record): a failure to report, or null to commit it. Called once per attempt.</summary>
    public Func<JObject, int, RowFailure?>? FailRow { get; set; }

    /// <summary>Per record: a rejection at encoding time, or null.</summary>
    public Func<JObject, RecordRejection?>? RejectRecord { get; init; }

    /// <summary>Every full-table sweep asked for: the policy, the keys written, and how many batches had loaded by then.</summary>
    public ConcurrentQueue<(VersionSweep Sweep, string[] WrittenKeys, int BatchesBefore)> Sweeps { get; } = new();

    /// <summary>Makes every sweep throw this.</summary>
    public Exception? SweepException { get; set; }

    /// <summary>Makes every load throw this.</summary>
    public Exception? LoadException { get; set; }

    /// <summary>How often the pipeline said the input had ended and every batch was handed over.</summary>
    public int InputEndings { get; private set; }

    public void InputEnded() => InputEndings++;

    /// <summary>Object → the objects its relationship columns look up (as a describe would say).</summary>
    public Dictionary<string, string[]> ParentObjects { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Makes opening throw this.</summary>
    public LoadConfigurationException? OpenException { get; init; }

    public ConcurrentQueue<(ObjectOperation Operation, StreamShape Shape)> Opened { get; } = new();

    /// <summary>Every batch loaded, in the order loads started: object, action, records.</summary>
    public ConcurrentQueue<LoadedBatch> Batches { get; } = new();

    private readonly List<(Func<LoadStep, bool> Match, TaskCompletionSource Seen)> stepWaiters = [];

    /// <summary>Every stage, complete and abort, in the order they happened.</summary>
    public ConcurrentQueue<LoadStep> Steps { get; } = new();

    /// <summary>Completes once a step that matches has happened (or had already).</summary>
    public Task WaitForStepAsync(Func<LoadStep, bool> match)
    {
        lock (stepWaiters)
        {
            if (Steps.Any(match))
            {
                return Task.CompletedTask;
            }

            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            stepWaiters.Add((match, seen));
            return seen.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }
    }

    private void Record(LoadStep step)
    {
        lock (stepWaiters)
        {
            Steps.Enqueue(step);
            foreach (var waiter in stepWaiters.Where(w => w.Match(step)).ToList())
            {
                waiter.Seen.TrySetResult();
                stepWaiters.Remove(waiter);
            }
        }
    }

    public InMemoryOrg Org { get; } = new();

    public int MaxConcurrentLoads => Volatile.Read(ref maxRunning);

    public Task<IObjectWriter> OpenAsync(ObjectOperation operation, StreamShape shape, CancellationToken cancellationToken)
    {
        if (OpenException is not null)
        {
            throw OpenException;
        }

        Opened.Enqueue((operation, shape));
        return Task.FromResult<IObjectWriter>(new Writer(this, operation, shape));
    }

    /// <summary>The next load that started (held loads only).</summary>
    public async Task<PendingLoad> NextLoadAsync() =>
        await arrivals.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));

    public bool TryNextLoad(out PendingLoad? load) => arrivals.Reader.TryRead(out load);

    private Task<IStagedLoad> StageAsync(Writer writer, RowBatch batch)
    {
        var jobId = $"750{Interlocked.Increment(ref jobNumber):D15}";
        Record(new LoadStep(LoadStepKind.Stage, jobId, Parse(writer, batch)));
        return Task.FromResult<IStagedLoad>(new StagedLoad(this, writer, batch, jobId));
    }

    private static LoadedBatch Parse(Writer writer, RowBatch batch) =>
        new(writer.Operation.ObjectName, writer.Operation.Action, batch.Rows.Select(r => JObject.Parse(Encoding.UTF8.GetString(r.Span))).ToArray());

    private async Task<BatchOutcome> LoadAsync(Writer writer, RowBatch batch, string jobId, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref running);
        InterlockedMax(ref maxRunning, now);
        try
        {
            if (LoadException is not null)
            {
                await Task.Yield();
                throw LoadException;
            }

            // Noted before the loads run on: they start in the order the pipeline gave them their slots, and
            // Batches keeps that order however the concurrent loads interleave after it.
            var loaded = Parse(writer, batch);
            var records = loaded.Records;
            Batches.Enqueue(loaded);
            await Task.Yield();
            var pending = new PendingLoad(loaded, jobId, cancellationToken);
            if (HoldLoads)
            {
                arrivals.Writer.TryWrite(pending);
                if (await pending.Completion.Task.WaitAsync(cancellationToken) is { } scripted)
                {
                    return scripted;
                }
            }

            var failures = new List<RowFailure>();
            var successes = new List<RowSuccess>();
            for (var i = 0; i < records.Count; i++)
            {
                if (FailRow?.Invoke(records[i], i) is { } failure)
                {
                    failures.Add(failure with { RowIndex = i });
                }
                else
                {
                    Org.Apply(writer.Operation, records[i], writer.KeyOf(records[i]));
                    successes.Add(new RowSuccess(i, $"{jobId}#{i}", writer.Operation.Action == LoadAction.Insert));
                }
            }

            return new BatchOutcome([jobId], failures) { Successes = successes };
        }
        finally
        {
            Interlocked.Decrement(ref running);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private sealed class Writer(InMemoryObjectLoader loader, ObjectOperation operation, StreamShape shape) : IObjectWriter, IVersionSweeper
    {
        public Task<SweepOutcome> SweepAsync(VersionSweep sweep, IReadOnlySet<string> writtenKeys, CancellationToken cancellationToken)
        {
            loader.Sweeps.Enqueue((sweep, writtenKeys.Order(StringComparer.Ordinal).ToArray(), loader.Batches.Count));
            return loader.SweepException is { } exception ? Task.FromException<SweepOutcome>(exception) : Task.FromResult(new SweepOutcome(10, 1, []));
        }

        public ObjectOperation Operation { get; } = operation;

        public IReadOnlyList<string> Columns { get; } = shape.Properties;

        public IReadOnlyCollection<string> ParentObjects => loader.ParentObjects.GetValueOrDefault(Operation.ObjectName, []);

        public EncodedRecord Encode(IRecordView view)
        {
            var record = RecordViewJson.ToJObject(view);
            if (loader.RejectRecord?.Invoke(record) is { } rejection)
            {
                return EncodedRecord.Rejected(rejection.ErrorCode, rejection.Message);
            }

            var row = Encoding.UTF8.GetBytes(record.ToString(Newtonsoft.Json.Formatting.None) + "\n");
            return EncodedRecord.Encoded(row, KeyOf(record));
        }

        public string? KeyOf(JObject record)
        {
            var field = Operation.Action == LoadAction.Upsert ? Operation.ExternalIdField : "Id";
            return Operation.Action == LoadAction.Insert ? null : record[field]?.ToString();
        }

        public Task<IStagedLoad> StageAsync(RowBatch batch, CancellationToken cancellationToken) =>
            loader.StageAsync(this, batch);
    }

    private sealed class StagedLoad(InMemoryObjectLoader loader, Writer writer, RowBatch batch, string jobId) : IStagedLoad
    {
        public Task<BatchOutcome> CompleteAsync(CancellationToken cancellationToken)
        {
            loader.Record(new LoadStep(LoadStepKind.Complete, jobId, Parse(writer, batch)));
            return loader.LoadAsync(writer, batch, jobId, cancellationToken);
        }

        public Task AbortAsync()
        {
            loader.Record(new LoadStep(LoadStepKind.Abort, jobId, Parse(writer, batch)));
            return Task.CompletedTask;
        }
    }
}

internal enum LoadStepKind
{
    Stage,
    Complete,
    Abort,
}

/// <summary>One step of a staged load: which job, and its batch.</summary>
internal sealed record LoadStep(LoadStepKind Kind, string JobId, LoadedBatch Batch);

/// <summary>A batch as the loader received it.</summary>
internal sealed record LoadedBatch(string ObjectName, LoadAction Action, IReadOnlyList<JObject> Records)
{
    public IEnumerable<string> Values(string property) => Records.Select(r => r[property]?.ToString() ?? "");
}

/// <summary>A held load: the test commits it (<see cref="Commit"/>) or scripts its outcome.</summary>
internal sealed class PendingLoad(LoadedBatch batch, string jobId, CancellationToken cancellationToken)
{
    public LoadedBatch Batch { get; } = batch;

    public string JobId { get; } = jobId;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Null: commit every row (through <see cref="InMemoryObjectLoader.FailRow"/>). A value: that outcome.</summary>
    public TaskCompletionSource<BatchOutcome?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Commit() => Completion.SetResult(null);
}

/// <summary>What the in-memory org holds: per object, rows by key (or a list for inserts); deletes remove.</summary>
internal sealed class InMemoryOrg
{
    private readonly object gate = new();
    private readonly Dictionary<string, Dictionary<string, JObject>> keyed = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<JObject>> inserted = new(StringComparer.OrdinalIgnoreCase);

    public void Apply(ObjectOperation operation, JObject record, string? key)
    {
        lock (gate)
        {
            if (operation.Action == LoadAction.Insert)
            {
                Inserted(operation.ObjectName).Add(record);
                return;
            }

            var rows = Keyed(operation.ObjectName);
            if (operation.Action is LoadAction.Delete or LoadAction.HardDelete)
            {
                rows.Remove(key!);
            }
            else
            {
                rows[key!] = record;
            }
        }
    }

    public IReadOnlyList<JObject> InsertedInto(string objectName)
    {
        lock (gate)
        {
            return Inserted(objectName).ToArray();
        }
    }

    public IReadOnlyDictionary<string, JObject> RowsOf(string objectName)
    {
        lock (gate)
        {
            return new Dictionary<string, JObject>(Keyed(objectName));
        }
    }

    private List<JObject> Inserted(string objectName)
    {
        if (!inserted.TryGetValue(objectName, out var list))
        {
            inserted[objectName] = list = [];
        }

        return list;
    }

    private Dictionary<string, JObject> Keyed(string objectName)
    {
        if (!keyed.TryGetValue(objectName, out var rows))
        {
            keyed[objectName] = rows = new Dictionary<string, JObject>(StringComparer.Ordinal);
        }

        return rows;
    }
}

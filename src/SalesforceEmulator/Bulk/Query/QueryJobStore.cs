using System.Collections.Concurrent;
using SalesforceEmulator.Bulk.Csv;
using SalesforceEmulator.Org;
using SalesforceEmulator.Rest.Soql;

namespace SalesforceEmulator.Bulk.Query;

/// <summary>
/// Bulk API 2.0 query jobs and their processing. A job is queued at once (it starts UploadComplete), moves to
/// InProgress when processing picks it up, selects its rows then (a snapshot: later writes do not change it) and
/// completes. With a processing rate, a job of N rows stays InProgress for N / rate seconds on the emulator's clock.
/// Query jobs take no ingest slot: they run beside ingest jobs.
/// </summary>
public sealed class QueryJobStore(OrgStore org, EmulatorOptions options) : IDisposable
{
    /// <summary>"All jobs and batches older than seven days are deleted" ("Job and Batch Lifespan"), their results with them.</summary>
    public static readonly TimeSpan Lifespan = TimeSpan.FromDays(7);

    private readonly ConcurrentDictionary<string, QueryJob> jobs = new(StringComparer.Ordinal);
    private readonly TimeProvider time = options.Time;
    private readonly double? processingRate = options.ProcessingRate;
    private CancellationTokenSource lifetime = new();
    // Query job ids come from a range apart from ingest jobs' (both are 750… ids), so the two never meet.
    private long nextSequence = (long)(uint)options.Seed % 100_000 * 1_000_000_000L + 500_000_001;

    public QueryJob Create(SoqlQuery query, string objectName, bool includeDeleted, CsvDialect dialect, string apiVersion)
    {
        var id = SalesforceId.Create("750", Interlocked.Increment(ref nextSequence));
        var createdBy = org.FindUserId("admin@emulator.local") ?? "005000000000001AAA";
        var job = new QueryJob(id, query, objectName, includeDeleted, dialect, apiVersion, createdBy, time.GetUtcNow());
        jobs[id] = job;
        Start(job);
        return job;
    }

    /// <summary>A job by 15- or 18-character id; null when unknown, deleted or past its lifespan.</summary>
    public QueryJob? Find(string id)
    {
        RemoveExpired();
        return SalesforceId.TryNormalize(id, out var id18) ? jobs.GetValueOrDefault(id18) : null;
    }

    /// <summary>Every job, oldest first.</summary>
    public IReadOnlyList<QueryJob> All()
    {
        RemoveExpired();
        return jobs.Values.OrderBy(j => j.CreatedDate).ThenBy(j => j.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Deletes the jobs older than the lifespan on the emulator's clock, whatever their state (as Salesforce does).</summary>
    private void RemoveExpired()
    {
        var now = time.GetUtcNow();
        foreach (var job in jobs.Values)
        {
            if (now - job.CreatedDate > Lifespan)
                Delete(job);
        }
    }

    public void Delete(QueryJob job)
    {
        jobs.TryRemove(job.Id, out _);
        job.AbortSource.Cancel();
    }

    /// <summary>Forgets every job (processing stops).</summary>
    public void Reset()
    {
        var old = lifetime;
        lifetime = new CancellationTokenSource();
        old.Cancel();
        old.Dispose();
        foreach (var job in jobs.Values)
            Delete(job);
    }

    public void Dispose()
    {
        lifetime.Cancel();
        lifetime.Dispose();
    }

    /// <summary>Job counts by state name, for `/__emulator/stats`.</summary>
    public IReadOnlyDictionary<string, int> CountByState() =>
        jobs.Values.GroupBy(j => j.State).ToDictionary(g => g.Key.ToString(), g => g.Count());

    private void Start(QueryJob job)
    {
        var token = lifetime.Token;
        _ = Task.Run(() => RunAsync(job, token), CancellationToken.None);
    }

    private async Task RunAsync(QueryJob job, CancellationToken storeLifetime)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(storeLifetime, job.AbortSource.Token);
        DateTimeOffset started;
        lock (job.Gate)
        {
            started = time.GetUtcNow();
            if (!job.TryMove(JobState.UploadComplete, JobState.InProgress, started))
                return; // aborted before it started
        }
        try
        {
            var result = SoqlRunner.Run(org, job.Query, job.IncludeDeleted);
            if (processingRate is double rowsPerSecond && result.Records.Count > 0)
                await WaitForClockAsync(job, started + TimeSpan.FromSeconds(result.Records.Count / rowsPerSecond), linked.Token).ConfigureAwait(false);
            lock (job.Gate)
                job.TryComplete(result, time.GetUtcNow());
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // Aborted (the state is already set) or the store was reset.
        }
        catch (SoqlException e)
        {
            // The org changed under a checked query (it cannot today: the schema is fixed); fail as Salesforce does.
            lock (job.Gate)
                job.TryMove(JobState.InProgress, JobState.Failed, time.GetUtcNow(), $"InvalidBatch : Failed to process query: {e.ErrorCode}: {e.Message}");
        }
    }

    private async Task WaitForClockAsync(QueryJob job, DateTimeOffset due, CancellationToken cancellationToken)
    {
        while (time.GetUtcNow() < due)
        {
            var wait = due - time.GetUtcNow();
            var waiting = Task.Delay(wait > TimeSpan.FromMilliseconds(1) ? wait : TimeSpan.FromMilliseconds(1), time, cancellationToken);
            job.SetWaitingForClock(true);
            try
            {
                await waiting.ConfigureAwait(false);
            }
            finally
            {
                job.SetWaitingForClock(false);
            }
        }
    }
}

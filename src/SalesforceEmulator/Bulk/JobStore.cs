using System.Buffers;
using System.Collections.Concurrent;
using SalesforceEmulator.Bulk.Csv;
using SalesforceEmulator.Bulk.Processing;
using SalesforceEmulator.Faults;
using SalesforceEmulator.Org;
using SalesforceEmulator.Rest;

namespace SalesforceEmulator.Bulk;

/// <summary>
/// Ingest jobs and their processing: a closed job is queued on the org's <see cref="WorkerPool"/> of
/// <see cref="EmulatorOptions.Workers"/> workers, which run its 10,000-row chunks.
/// </summary>
public sealed class JobStore : IDisposable
{
    private readonly ConcurrentDictionary<string, IngestJob> jobs = new(StringComparer.Ordinal);
    private readonly JobProcessor processor;
    private readonly EmulatorOptions options;
    private readonly string uploadFolder;
    private WorkerPool pool;
    private long nextSequence;

    private readonly OrgStore org;
    private readonly TimeProvider time;
    private readonly long maxUploadBase64Bytes;

    public JobStore(OrgStore org, FaultPlan faults, ApiUsage usage, EmulatorOptions options)
    {
        this.org = org;
        this.options = options;
        time = options.Time;
        maxUploadBase64Bytes = options.MaxUploadBase64Bytes;
        Locks = new ParentLocks(options.Time);
        processor = new JobProcessor(org, faults, usage, options, Locks);
        pool = new WorkerPool(processor, options);
        var uploadRoot = Path.Combine(Path.GetTempPath(), "salesforce-emulator");
        StaleUploadFolders.Remove(uploadRoot);
        uploadFolder = Path.Combine(uploadRoot, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        nextSequence = (long)(uint)options.Seed % 100_000 * 1_000_000_000L + 1;
    }

    /// <summary>The parent rows Bulk transactions hold locked now.</summary>
    public ParentLocks Locks { get; }

    /// <summary>The largest upload taken, counted as Salesforce counts it: base64-encoded.</summary>
    public long MaxUploadBase64Bytes => maxUploadBase64Bytes;

    public IngestJob Create(string objectName, IngestOperation operation, string? externalIdFieldName, CsvDialect dialect, string apiVersion,
        string? assignmentRuleId = null)
    {
        var id = SalesforceId.Create("750", Interlocked.Increment(ref nextSequence));
        var createdBy = org.FindUserId("admin@emulator.local") ?? "005000000000001AAA";
        var job = new IngestJob(id, objectName, operation, externalIdFieldName, dialect, apiVersion, createdBy, time.GetUtcNow())
        {
            AssignmentRuleId = assignmentRuleId,
        };
        jobs[id] = job;
        return job;
    }

    /// <summary>A job by 15- or 18-character id.</summary>
    public IngestJob? Find(string id) =>
        SalesforceId.TryNormalize(id, out var id18) ? jobs.GetValueOrDefault(id18) : null;

    public IReadOnlyList<IngestJob> All() => jobs.Values.OrderBy(j => j.CreatedDate).ThenBy(j => j.Id, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Streams an upload to a temporary file (no copy of it is held in memory); null when it is larger than
    /// <see cref="MaxUploadBase64Bytes"/> once base64-encoded. A refused upload is read to its end and nothing of it
    /// is kept, so the client gets the answer rather than a cut connection.
    /// </summary>
    public async Task<string?> SaveUploadAsync(IngestJob job, Stream body, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(uploadFolder);
        var path = Path.Combine(uploadFolder, job.Id + ".csv");
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        long total = 0;
        var tooLarge = false;
        try
        {
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += read;
                    tooLarge = tooLarge || Base64Length(total) > maxUploadBase64Bytes;
                    if (!tooLarge)
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        if (tooLarge)
        {
            File.Delete(path);
            return null;
        }
        job.UploadBytes = total;
        return path;
    }

    /// <summary>Bytes of base64 text a number of bytes encodes to (4 for every 3, padded).</summary>
    public static long Base64Length(long bytes) => (bytes + 2) / 3 * 4;

    /// <summary>Queues a job that just moved to UploadComplete.</summary>
    public void StartProcessing(IngestJob job) => pool.Enqueue(job);

    /// <summary>Removes a job and its data.</summary>
    public void Delete(IngestJob job)
    {
        jobs.TryRemove(job.Id, out _);
        job.AbortSource.Cancel();
        DeleteUpload(job);
    }

    /// <summary>Forgets every job (processing stops).</summary>
    public void Reset()
    {
        var old = pool;
        pool = new WorkerPool(processor, options);
        old.Dispose();
        foreach (var job in jobs.Values)
            Delete(job);
    }

    /// <summary>Job counts by state name, for `/__emulator/stats`.</summary>
    public IReadOnlyDictionary<string, int> CountByState() =>
        jobs.Values.GroupBy(j => j.State).ToDictionary(g => g.Key.ToString(), g => g.Count());

    public void Dispose()
    {
        pool.Dispose();
        foreach (var job in jobs.Values)
            DeleteUpload(job);
        try
        {
            if (Directory.Exists(uploadFolder))
                Directory.Delete(uploadFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a finishing job; the temp folder is cleaned by the OS eventually.
        }
    }

    private static void DeleteUpload(IngestJob job)
    {
        if (job.UploadPath is { } path)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // Still being read by a results download; on Linux the delete already succeeded anyway.
            }
        }
    }
}

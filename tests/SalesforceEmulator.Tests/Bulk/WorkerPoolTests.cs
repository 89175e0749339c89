using Microsoft.Extensions.Time.Testing;
using SalesforceEmulator.Bulk;
using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Bulk;

/// <summary>
/// Jobs split into 10,000-row chunks that an org-wide pool of workers takes in the order the jobs closed, each
/// worker at the processing rate, after the queue latency; all on a fake clock.
/// </summary>
public sealed class WorkerPoolTests : EmulatorFixture
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    protected override EmulatorOptions CreateOptions() =>
        new() { Time = clock, ProcessingRate = 10_000, Workers = 2, QueueLatency = TimeSpan.FromMilliseconds(500) };

    private static string Rows(string prefix, int count) =>
        "Name\n" + string.Concat(Enumerable.Range(0, count).Select(i => $"{prefix}{i}\n"));

    private async Task<IngestJob> CloseAsync(string prefix, int rows)
    {
        var id = await CreateJobAsync("Account", "insert");
        await UploadAsync(id, Rows(prefix, rows));
        await PatchStateAsync(id, "UploadComplete");
        return Host.Jobs.Find(id)!;
    }

    private static async Task WaitForAsync(IngestJob job, Func<IngestJob, bool> condition)
    {
        using var limit = new CancellationTokenSource(WaitLimit);
        await job.WaitUntilAsync(condition, limit.Token);
    }

    [Test]
    public async Task A_chunk_waits_the_queue_latency_before_a_worker_takes_it()
    {
        var job = await CloseAsync("A", 100);

        clock.Advance(TimeSpan.FromMilliseconds(499));
        var early = job.State;
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await WaitForAsync(job, j => j.WaitingForClock);

        Assert.That(early, Is.EqualTo(JobState.UploadComplete), "within the latency no worker has the chunk");
        Assert.That(job.State, Is.EqualTo(JobState.InProgress));
    }

    [Test]
    public async Task A_job_runs_as_chunks_on_several_workers_and_counts_them_as_they_finish()
    {
        var job = await CloseAsync("A", 25_000);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        await WaitForAsync(job, j => j.ChunksWaitingForClock == 2);
        var chunks = job.ChunkCount;

        clock.Advance(TimeSpan.FromSeconds(1)); // two workers at 10,000 rows/s: the first two chunks are done
        await WaitForAsync(job, j => j.Processed == 20_000 && j.WaitingForClock);
        var afterOneSecond = await GetJson($"{V}/jobs/ingest/{job.Id}");
        clock.Advance(TimeSpan.FromSeconds(0.5));
        await WaitForAsync(job, j => j.Completion.IsCompleted);

        Assert.That(chunks, Is.EqualTo(3));
        Assert.That(afterOneSecond.GetProperty("state").GetString(), Is.EqualTo("InProgress"));
        Assert.That(afterOneSecond.GetProperty("numberRecordsProcessed").GetInt64(), Is.EqualTo(20_000));
        Assert.That(job.State, Is.EqualTo(JobState.JobComplete));
        Assert.That(job.Processed, Is.EqualTo(25_000));
        var total = await GetJson($"{V}/query?q=SELECT+COUNT()+FROM+Account");
        Assert.That(total.GetProperty("totalSize").GetInt32(), Is.EqualTo(25_000));
    }

    [Test]
    public async Task Workers_take_chunks_from_all_jobs_in_the_order_the_jobs_closed()
    {
        var first = await CloseAsync("A", 20_000); // two chunks: both workers
        var second = await CloseAsync("B", 5_000);
        var third = await CloseAsync("C", 5_000);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        await WaitForAsync(first, j => j.ChunksWaitingForClock == 2);
        var whileFirstRuns = (second.State, third.State);

        clock.Advance(TimeSpan.FromSeconds(1));
        await WaitForAsync(first, j => j.Completion.IsCompleted);
        await WaitForAsync(second, j => j.WaitingForClock);
        await WaitForAsync(third, j => j.WaitingForClock);
        var afterFirst = (second.State, third.State);
        clock.Advance(TimeSpan.FromSeconds(0.5));
        await WaitForAsync(second, j => j.Completion.IsCompleted);
        await WaitForAsync(third, j => j.Completion.IsCompleted);

        Assert.That(whileFirstRuns, Is.EqualTo((JobState.UploadComplete, JobState.UploadComplete)), "the first job's chunks hold both workers");
        Assert.That(afterFirst, Is.EqualTo((JobState.InProgress, JobState.InProgress)));
        Assert.That(first.State, Is.EqualTo(JobState.JobComplete));
        Assert.That(second.Processed + third.Processed, Is.EqualTo(10_000));
    }

    [Test]
    public async Task Results_list_rows_by_their_own_outcome_when_chunks_finish_out_of_order()
    {
        var job = await CloseAsync("A", 15_000); // a full chunk and a half one on two workers: the second ends first
        clock.Advance(TimeSpan.FromMilliseconds(500));
        await WaitForAsync(job, j => j.ChunksWaitingForClock == 2);
        clock.Advance(TimeSpan.FromSeconds(0.5));
        await WaitForAsync(job, j => j.Processed == 5_000);

        using var abort = await PatchStateAsync(job.Id, "Aborted");
        var unprocessed = CsvText.Parse(await ResultsAsync(job.Id, "unprocessedrecords"));
        var succeeded = CsvText.Parse(await ResultsAsync(job.Id, "successfulResults"));

        Assert.That(job.State, Is.EqualTo(JobState.Aborted));
        Assert.That(succeeded.Count + unprocessed.Count - 2, Is.EqualTo(15_000));
        Assert.That(succeeded.Skip(1).Select(r => r[^1]), Does.Contain("A14999").And.Contain("A0"));
        Assert.That(unprocessed.Skip(1).Select(r => r[0]), Does.Contain("A9999").And.Not.Contain("A14999"));
    }
}

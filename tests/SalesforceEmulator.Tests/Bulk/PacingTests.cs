using Microsoft.Extensions.Time.Testing;
using SalesforceEmulator.Bulk;
using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Bulk;

/// <summary>Processing at a set rate on a fake clock: counters rise as the clock moves, never with wall time.</summary>
public sealed class PacingTests : EmulatorFixture
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    protected override EmulatorOptions CreateOptions() => new() { Time = clock, ProcessingRate = 10, Workers = 1 };

    private static string Rows(int count) => "Name\n" + string.Concat(Enumerable.Range(0, count).Select(i => $"A{i}\n"));

    private async Task<IngestJob> StartAsync(int rows)
    {
        var id = await CreateJobAsync("Account", "insert");
        await UploadAsync(id, Rows(rows));
        await PatchStateAsync(id, "UploadComplete");
        return Host.Jobs.Find(id)!;
    }

    private static async Task WaitForAsync(IngestJob job, Func<IngestJob, bool> condition)
    {
        using var limit = new CancellationTokenSource(WaitLimit);
        await job.WaitUntilAsync(condition, limit.Token);
    }

    [Test]
    public async Task Rows_are_processed_at_the_rate_and_counted_when_their_chunk_is_done()
    {
        var job = await StartAsync(25);
        await WaitForAsync(job, j => j.WaitingForClock);
        var before = await GetJson($"{V}/jobs/ingest/{job.Id}");

        clock.Advance(TimeSpan.FromSeconds(1));
        await WaitForAsync(job, j => j.WaitingForClock && j.IsRowDone(9) && !j.IsRowDone(10));
        var afterOne = await GetJson($"{V}/jobs/ingest/{job.Id}");
        clock.Advance(TimeSpan.FromSeconds(1.5));
        await WaitForAsync(job, j => j.Completion.IsCompleted);

        Assert.That(before.GetProperty("state").GetString(), Is.EqualTo("InProgress"));
        Assert.That(before.GetProperty("numberRecordsProcessed").GetInt64(), Is.Zero);
        Assert.That(afterOne.GetProperty("state").GetString(), Is.EqualTo("InProgress"));
        Assert.That(afterOne.GetProperty("numberRecordsProcessed").GetInt64(), Is.Zero, "the one chunk is not done yet");
        Assert.That(job.State, Is.EqualTo(JobState.JobComplete));
        Assert.That(job.Processed, Is.EqualTo(25));
    }

    [Test]
    public async Task A_second_job_waits_in_UploadComplete_while_the_only_worker_is_busy()
    {
        var first = await StartAsync(10);
        await WaitForAsync(first, j => j.WaitingForClock);
        var second = await StartAsync(5);

        var waiting = await GetJson($"{V}/jobs/ingest/{second.Id}");
        clock.Advance(TimeSpan.FromSeconds(1));
        await WaitForAsync(first, j => j.Completion.IsCompleted);
        await WaitForAsync(second, j => j.WaitingForClock || j.Completion.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await WaitForAsync(second, j => j.Completion.IsCompleted);

        Assert.That(waiting.GetProperty("state").GetString(), Is.EqualTo("UploadComplete"));
        Assert.That(second.State, Is.EqualTo(JobState.JobComplete));
        Assert.That(second.Processed, Is.EqualTo(5));
    }

    [Test]
    public async Task Abort_during_processing_stops_and_leaves_the_rest_unprocessed()
    {
        var job = await StartAsync(25);
        await WaitForAsync(job, j => j.WaitingForClock);
        clock.Advance(TimeSpan.FromSeconds(1));
        await WaitForAsync(job, j => j.WaitingForClock && j.IsRowDone(9));

        using var abort = await PatchStateAsync(job.Id, "Aborted");
        clock.Advance(TimeSpan.FromSeconds(5));
        var unprocessed = CsvText.Parse(await ResultsAsync(job.Id, "unprocessedrecords"));
        var succeeded = CsvText.Parse(await ResultsAsync(job.Id, "successfulResults"));

        Assert.That(job.State, Is.EqualTo(JobState.Aborted));
        Assert.That(unprocessed, Has.Count.EqualTo(1 + 15));
        Assert.That(unprocessed[1], Is.EqualTo(new[] { "A10" }));
        Assert.That(succeeded, Has.Count.EqualTo(1 + 10));
        Assert.That(await QueryAsync("SELECT COUNT() FROM Account"), Is.Empty);
        Assert.That((await GetJson($"{V}/query?q=SELECT+COUNT()+FROM+Account")).GetProperty("totalSize").GetInt32(), Is.EqualTo(10));
    }
}

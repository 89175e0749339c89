using Microsoft.Extensions.Time.Testing;
using SalesforceEmulator.Bulk;
using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.WebConsole;

/// <summary>Pages that show a running job reload themselves (the Refresh header, no script) and stop once it ended.</summary>
public sealed class ConsoleRefreshTests : EmulatorFixture
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    protected override EmulatorOptions CreateOptions() => new() { Time = clock, ProcessingRate = 10 };

    [Test]
    public async Task The_jobs_and_job_pages_refresh_while_a_job_processes_and_stop_when_it_ends()
    {
        var id = await CreateJobAsync("Account", "insert");
        await UploadAsync(id, "Name\n" + string.Concat(Enumerable.Range(0, 25).Select(i => $"A{i}\n")));
        var whileOpen = await RefreshOf("/__emulator/ui/");
        await PatchStateAsync(id, "UploadComplete");
        var job = Host.Jobs.Find(id)!;
        using var limit = new CancellationTokenSource(WaitLimit);
        await job.WaitUntilAsync(j => j.WaitingForClock, limit.Token);

        var whileRunning = await RefreshOf("/__emulator/ui/");
        var jobWhileRunning = await RefreshOf($"/__emulator/ui/jobs/{id}");
        clock.Advance(TimeSpan.FromSeconds(3));
        await job.Completion.WaitAsync(WaitLimit);
        var afterwards = await RefreshOf("/__emulator/ui/");
        var jobAfterwards = await RefreshOf($"/__emulator/ui/jobs/{id}");

        Assert.That(whileOpen, Is.Null, "an Open job waits for its client, not for the org");
        Assert.That(whileRunning, Is.EqualTo("3"));
        Assert.That(jobWhileRunning, Is.EqualTo("3"));
        Assert.That(job.State, Is.EqualTo(JobState.JobComplete));
        Assert.That(afterwards, Is.Null);
        Assert.That(jobAfterwards, Is.Null);
    }

    [Test]
    public async Task Times_are_the_emulators_clock_in_utc()
    {
        var created = clock.GetUtcNow();
        var run = await RunJobWhileAdvancingAsync();

        using var response = await Client.GetAsync($"/__emulator/ui/jobs/{run}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(html, Does.Contain($"<dd>{created:yyyy-MM-dd HH:mm:ss} UTC</dd>"), "created");
        Assert.That(html, Does.Contain($"{created.AddSeconds(1):yyyy-MM-dd HH:mm:ss} UTC (1.0 s after it was created)"), "finished");
    }

    private async Task<string> RunJobWhileAdvancingAsync()
    {
        var id = await CreateJobAsync("Account", "insert");
        await UploadAsync(id, "Name\nA\nB\n");
        await PatchStateAsync(id, "UploadComplete");
        var job = Host.Jobs.Find(id)!;
        using var limit = new CancellationTokenSource(WaitLimit);
        await job.WaitUntilAsync(j => j.WaitingForClock, limit.Token);
        clock.Advance(TimeSpan.FromSeconds(1));
        await job.Completion.WaitAsync(WaitLimit);
        return id;
    }

    private async Task<string?> RefreshOf(string path)
    {
        using var response = await Client.GetAsync(path);
        Assert.That(response.IsSuccessStatusCode, Is.True, path);
        return response.Headers.TryGetValues("Refresh", out var values) ? values.Single() : null;
    }
}

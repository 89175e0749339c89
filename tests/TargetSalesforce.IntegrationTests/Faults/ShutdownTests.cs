using Newtonsoft.Json.Linq;
using SalesforceEmulator;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Faults;

/// <summary>
/// SIGTERM and Ctrl-C (SIGINT) while jobs are in flight and the tap is still writing: the target stops
/// reading, lets the jobs in flight finish, emits the state that is true, and exits 1 saying why.
/// </summary>
internal sealed class ShutdownTests : EmulatorTestBase
{
    // A 10-row job takes about half a second to process: long enough to be caught in flight.
    protected override EmulatorOptions CreateOptions() => new() { ProcessingRate = 20 };

    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    /// <summary>Waits (not a timing assertion) until the emulator has received <paramref name="uploads"/> uploads.</summary>
    private async Task WaitForUploadsAsync(int uploads)
    {
        var until = DateTime.UtcNow + WaitLimit;
        while (true)
        {
            var byRoute = (JObject)(await Org.StatsAsync())["requests"]!["byRoute"]!;
            var seen = byRoute.Properties().Where(p => p.Name.StartsWith("PUT ", StringComparison.Ordinal) && p.Name.EndsWith("/batches", StringComparison.Ordinal)).Sum(p => (int)p.Value);
            if (seen >= uploads)
            {
                return;
            }

            Assert.That(DateTime.UtcNow, Is.LessThan(until), $"the target never uploaded {uploads} jobs");
            await Task.Delay(20);
        }
    }

    [TestCase("TERM")]
    [TestCase("INT")]
    public async Task A_signal_stops_reading_lets_jobs_in_flight_finish_and_emits_only_the_true_state(string signal)
    {
        // Records 1-20 fill two jobs; 21-25 sit in a buffer when the signal comes; the tap never closes stdin.
        var input = AccountFeed.Distinct(25, stateEvery: 10);
        using var config = TargetConfig.For(Emulator.BaseUrl, AccountFeed.Upsert(new { batch_size_rows = 10, max_parallel_jobs = 2 }));
        using var target = RunningTarget.Start(["--config", config.Path]);
        await target.WriteAsync(input.ToString());

        await WaitForUploadsAsync(2);
        target.Signal(signal);
        var result = await target.WaitAsync();

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.Stderr, Does.Contain("signal").IgnoreCase, "the log says why the run stopped");
        var jobs = await Org.JobStatesAsync();
        Assert.That(jobs.GetValueOrDefault("JobComplete"), Is.EqualTo(2), "both jobs in flight were let finish");
        Assert.That(jobs.GetValueOrDefault("Aborted"), Is.Zero);
        Assert.That(await Org.CountAsync("Account"), Is.EqualTo(20), "the buffered records 21-25 were not loaded");
        Assert.That(result.StdoutLines[^1], Is.EqualTo("""{"position":20}"""), "the state of the finished jobs went out");
        await AccountingInvariant.AssertHoldsAsync(input.ToString(), result, Org, "Account", AccountFeed.Key, null);
    }

    [Test]
    public async Task A_second_signal_aborts_the_jobs_in_flight_without_waiting_and_the_state_still_does_not_lie()
    {
        var input = AccountFeed.Distinct(40, stateEvery: 10);
        using var config = TargetConfig.For(Emulator.BaseUrl, AccountFeed.Upsert(new { batch_size_rows = 10, max_parallel_jobs = 4 }));
        using var target = RunningTarget.Start(["--config", config.Path]);
        await target.WriteAsync(input.ToString());

        await WaitForUploadsAsync(2);
        target.Signal("TERM");
        target.Signal("TERM");
        var result = await target.WaitAsync();

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.Stderr, Does.Contain("signal").IgnoreCase);
        await AccountingInvariant.AssertHoldsAsync(input.ToString(), result, Org, "Account", AccountFeed.Key, null);
    }
}

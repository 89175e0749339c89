using Newtonsoft.Json.Linq;
using SalesforceEmulator;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Faults;

/// <summary>
/// The target killed with SIGKILL at a random point of a long upsert run, then run again from the last
/// state it emitted (as an orchestrator does): the org ends exactly as after one clean run.
/// </summary>
internal sealed class KillAndResumeTests : EmulatorTestBase
{
    private const int Records = 3_000;
    private const int Keys = 2_000;
    private const int StateEvery = 50;

    private static readonly object Config = AccountFeed.Upsert(new { batch_size_rows = 100, max_parallel_jobs = 4 });

    private static string[]? cleanSnapshot;

    // Slow enough that several jobs are in flight when the kill lands; fast enough to keep the test short.
    protected override EmulatorOptions CreateOptions() => new() { ProcessingRate = 4_000 };

    /// <summary>
    /// 3,000 records over 2,000 keys: the last 1,000 overwrite earlier ones with new values, so a rerun
    /// that loaded in the wrong order, or skipped a record, leaves a different org.
    /// </summary>
    private static string[] InputLines()
    {
        var input = new SingerStream().Schema("Account", AccountFeed.Schema);
        for (var i = 1; i <= Records; i++)
        {
            var key = ((i - 1) % Keys) + 1;
            input.Record("Account", new { External_Id__c = $"A-{key:D5}", Name = $"Account {key} v{i}", Description = $"written by record {i}", NumberOfEmployees = i });
            if (i % StateEvery == 0)
            {
                input.State(new { position = i });
            }
        }

        return input.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string Join(IEnumerable<string> lines) => string.Concat(lines.Select(l => l + "\n"));

    private async Task<string[]> SnapshotAsync()
    {
        var rows = await Org.QueryAsync("SELECT External_Id__c, Name, Description, NumberOfEmployees FROM Account");
        return rows.Select(r => $"{r["External_Id__c"]}|{r["Name"]}|{r["Description"]}|{r["NumberOfEmployees"]}").Order(StringComparer.Ordinal).ToArray();
    }

    private async Task<string[]> CleanSnapshotAsync(string[] lines)
    {
        if (cleanSnapshot is null)
        {
            var result = await RunTargetAsync(Join(lines), Config);
            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            cleanSnapshot = await SnapshotAsync();
            Assert.That(cleanSnapshot, Has.Length.EqualTo(Keys));
            await Org.PostAdminAsync("/__emulator/reset");
        }

        return cleanSnapshot;
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task Killed_at_a_random_point_and_rerun_from_its_last_state_the_org_matches_a_clean_run(int seed)
    {
        var lines = InputLines();
        var expected = await CleanSnapshotAsync(lines);
        var killAfterStates = new Random(seed).Next(1, 12);

        using var config = TargetConfig.For(Emulator.BaseUrl, Config);
        TargetResult killed;
        using (var target = RunningTarget.Start(["--config", config.Path]))
        {
            var feeding = Task.Run(async () =>
            {
                await target.WriteAsync(Join(lines));
                target.CloseInput();
            });
            for (var seen = 0; seen < killAfterStates; seen++)
            {
                Assert.That(await target.NextLineAsync(), Is.Not.Null, "the run ended before the kill");
            }

            target.Kill();
            await feeding;
            killed = await target.WaitAsync();
        }

        Assert.That(killed.ExitCode, Is.Not.Zero, "SIGKILL ends the process");
        await AccountingInvariant.AssertHoldsAsync(Join(lines), killed, Org, "Account", AccountFeed.Key, null);
        var resumeAt = await AssertStateIsTrueAsync(lines, killed);

        // The orchestrator restarts the tap from the saved state: the schema again, then what came after the state.
        var rerunInput = Join(lines.Take(1).Concat(lines.Skip(resumeAt + 1)));
        var rerun = await RunTargetAsync(rerunInput, Config);

        Assert.That(rerun.ExitCode, Is.Zero, rerun.ToString);
        Assert.That(await SnapshotAsync(), Is.EqualTo(expected), "the org after kill + rerun equals the org after one clean run");
    }

    /// <summary>
    /// Every key written before the last emitted state holds that write or a later one; returns the
    /// state's line index (0 when no state came out).
    /// </summary>
    private async Task<int> AssertStateIsTrueAsync(string[] lines, TargetResult killed)
    {
        if (killed.StdoutLines.Count == 0)
        {
            return 0;
        }

        var last = killed.StdoutLines[^1];
        var index = Array.FindLastIndex(lines, l => l.Contains("\"STATE\"", StringComparison.Ordinal) && JObject.Parse(l)["value"]!.ToString(Newtonsoft.Json.Formatting.None) == last);
        Assert.That(index, Is.GreaterThan(0), $"state {last} is one of the input's");
        var position = JObject.Parse(last)["position"]!.Value<int>();

        var written = (await Org.QueryAsync("SELECT External_Id__c, NumberOfEmployees FROM Account"))
            .ToDictionary(r => r["External_Id__c"]!.ToString(), r => r["NumberOfEmployees"]!.Value<int>());
        for (var i = 1; i <= position; i++)
        {
            var key = $"A-{((i - 1) % Keys) + 1:D5}";
            Assert.That(written.TryGetValue(key, out var by) && by >= i, Is.True,
                $"state {last} was emitted, yet record {i} ({key}) is not in the org (it holds {(written.TryGetValue(key, out var b) ? $"record {b}" : "nothing")})");
        }

        return index;
    }
}

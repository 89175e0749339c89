using Newtonsoft.Json.Linq;
using SalesforceEmulator;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Sync;

/// <summary>
/// A CDC stream keyed only by an external id keeps the org equal to its source: upserts by the key, deletes found
/// by Bulk query jobs on the key, several small jobs in flight, and a rerun after SIGKILL.
/// </summary>
internal sealed class DeleteByExternalIdTests : EmulatorTestBase
{
    // Slow enough that several jobs are in flight at once, fast enough for a short test.
    protected override EmulatorOptions CreateOptions() => new() { ProcessingRate = 4_000 };

    [Test]
    public async Task Inserts_updates_and_deletes_by_external_id_leave_the_org_equal_to_the_source_row_by_row()
    {
        var feed = new CdcFeed(changes: 1_200, keys: 300, seed: 17);
        Assert.That(feed.Deletes, Is.GreaterThan(50), "the feed deletes enough to matter");

        var result = await RunTargetAsync(feed.Input, CdcFeed.Config);

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(await CdcFeed.OrgRowsAsync(Org), Is.EqualTo(feed.Source.Values.ToArray()));
        Assert.That(result.StdoutLines[^1], Is.EqualTo("""{"lsn":1200}"""));
        Assert.That(result.Stderr, Does.Contain("query jobs"), "the Ids were looked up with Bulk query jobs");
    }

    [Test]
    public async Task A_key_the_org_does_not_have_fails_its_record_by_line_with_its_own_code()
    {
        using var folder = new TempFolder();
        var rejectFile = folder.File("rejects.jsonl");
        var input = new SingerStream().Schema("accounts", CdcFeed.Schema, "External_Id__c")
            .Record("accounts", new { External_Id__c = "K-1", Name = "Kept", _sdc_deleted_at = (string?)null })
            .Record("accounts", new { External_Id__c = "K-2", Name = "Gone", _sdc_deleted_at = (string?)null })
            .State(new { lsn = 1 })
            .Record("accounts", new { External_Id__c = "K-2", _sdc_deleted_at = "2026-12-01T10:00:00Z" });
        var unknownLine = input.NextLine;
        input.Record("accounts", new { External_Id__c = "NEVER-SEEN", _sdc_deleted_at = "2026-12-01T10:00:00Z" }).State(new { lsn = 2 });

        var lenient = await RunTargetAsync(input, AccountFeed.Upsert(new { table_name = "Account", process_deletes = true, allow_failures = true, reject_file = rejectFile }));

        Assert.That(lenient.ExitCode, Is.Zero, lenient.ToString);
        Assert.That(await CdcFeed.OrgRowsAsync(Org), Is.EqualTo(new[] { "K-1|Kept||" }));
        var rejects = (await File.ReadAllLinesAsync(rejectFile)).Select(JObject.Parse).ToList();
        Assert.That(rejects.Select(r => ((int)r["line"]!, (string?)r["error_code"])), Is.EqualTo(new[] { (unknownLine, "EXTERNAL_ID_NOT_FOUND") }));
        Assert.That(lenient.StdoutLines[^1], Is.EqualTo("""{"lsn":2}"""));

        var strict = await RunTargetAsync(input, AccountFeed.Upsert(new { table_name = "Account", process_deletes = true }));

        Assert.That(strict.ExitCode, Is.Not.Zero);
        Assert.That(strict.Stderr, Does.Contain($"the record at line {unknownLine} failed with EXTERNAL_ID_NOT_FOUND"));
        Assert.That(strict.StdoutLines, Does.Not.Contain("""{"lsn":2}"""));
    }

    [Test]
    public async Task An_update_only_stream_keyed_by_external_id_updates_known_rows_and_creates_none()
    {
        var seed = await RunTargetAsync(AccountFeed.Distinct(3), AccountFeed.Upsert());
        Assert.That(seed.ExitCode, Is.Zero, seed.ToString);
        var input = new SingerStream().Schema("accounts", AccountFeed.Schema, "External_Id__c")
            .Record("accounts", new { External_Id__c = "A-00002", Name = "Renamed" })
            .Record("accounts", new { External_Id__c = "A-00009", Name = "Not there" });

        var result = await RunTargetAsync(input, new { action = "update", table_name = "Account", external_id_name = "External_Id__c", allow_failures = true });

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That((await Org.QueryAsync("SELECT External_Id__c, Name FROM Account ORDER BY External_Id__c")).Select(r => $"{r["External_Id__c"]}={r["Name"]}"),
            Is.EqualTo(new[] { "A-00001=Account 1", "A-00002=Renamed", "A-00003=Account 3" }));
        Assert.That(result.Stderr, Does.Contain("EXTERNAL_ID_NOT_FOUND"));
    }

    [TestCase(1)]
    [TestCase(2)]
    public async Task Killed_mid_run_then_rerun_from_its_last_state_the_org_still_equals_the_source(int seed)
    {
        var feed = new CdcFeed(changes: 1_500, keys: 400, seed: 100 + seed, stateEvery: 20);
        var lines = feed.Input.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var killAfterStates = new Random(seed).Next(2, 10);

        using var config = TargetConfig.For(Emulator.BaseUrl, CdcFeed.Config);
        TargetResult killed;
        using (var target = RunningTarget.Start(["--config", config.Path]))
        {
            var feeding = Task.Run(async () =>
            {
                await target.WriteAsync(string.Concat(lines.Select(l => l + "\n")));
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
        var last = killed.StdoutLines[^1];
        var resumeAt = Array.FindLastIndex(lines, l => l.Contains("\"STATE\"", StringComparison.Ordinal) && JObject.Parse(l)["value"]!.ToString(Newtonsoft.Json.Formatting.None) == last);
        Assert.That(resumeAt, Is.GreaterThan(0));

        // As an orchestrator does: the schema again, then everything after the last state the target emitted.
        var rerun = await RunTargetAsync(string.Concat(lines.Take(1).Concat(lines.Skip(resumeAt + 1)).Select(l => l + "\n")), CdcFeed.Config);

        Assert.That(rerun.ExitCode, Is.Zero, rerun.ToString);
        Assert.That(await CdcFeed.OrgRowsAsync(Org), Is.EqualTo(feed.Source.Values.ToArray()));
    }
}

using Newtonsoft.Json.Linq;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Limits;

/// <summary>
/// The daily allowance guard, end to end: with the org's limits set through `POST /__emulator/limits`, a run stops
/// before it takes the org past `max_api_usage_percent` or `max_bulk_batch_usage_percent`, exits 1, names the limit,
/// and emits no state past a record that did not commit. Its own fixture, since the limits outlive a reset.
/// </summary>
internal sealed class AllowanceGuardTests : EmulatorTestBase
{
    private static readonly JObject AccountSchema = SingerStream.ObjectSchema(new Dictionary<string, string> { ["External_Id__c"] = "string", ["Name"] = "string" });

    [TearDown]
    public Task RestoreLimitsAsync() =>
        Org.PostAdminAsync("/__emulator/limits", """{"DailyApiRequests":{"Max":15000,"Remaining":15000},"DailyBulkApiBatches":{"Max":15000,"Remaining":15000}}""");

    /// <summary>Twenty accounts, a state after each, loaded one record a flush.</summary>
    private static SingerStream TwentyAccounts()
    {
        var input = new SingerStream().Schema("Account", AccountSchema);
        for (var i = 1; i <= 20; i++)
        {
            input.Record("Account", new { External_Id__c = $"A-{i}", Name = $"Account {i}" }).State(new { position = i });
        }

        return input;
    }

    [Test]
    public async Task A_run_stops_before_the_daily_api_requests_pass_the_setting_and_keeps_its_state_true()
    {
        // 1,000 a day, 880 used: 90 % allows 20 more, fewer than 20 one-record calls and the run's own describe and /limits.
        await Org.PostAdminAsync("/__emulator/limits", """{"DailyApiRequests":{"Max":1000,"Remaining":120}}""");
        var input = TwentyAccounts();

        var result = await RunTargetAsync(input, new
        {
            action = "upsert", external_id_name = "External_Id__c", rest_threshold_rows = 2000, batch_size_rows = 1, max_parallel_jobs = 1, max_api_usage_percent = 90,
        });

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.Stderr, Does.Contain("DailyApiRequests").And.Contain("max_api_usage_percent (90%)").And.Contain("of 1,000 are used"));
        var limits = await Org.GetAdminAsync("/__emulator/limits");
        Assert.That((long)limits["DailyApiRequests"]!["Remaining"]!, Is.GreaterThanOrEqualTo(100), "the run stopped before passing 90 % of the day's requests");
        await AssertStateIsTrueAsync(result);
    }

    [Test]
    public async Task A_run_stops_before_the_daily_bulk_batches_pass_the_setting()
    {
        // 100 a day, 86 used: 90 % allows four one-batch jobs.
        await Org.PostAdminAsync("/__emulator/limits", """{"DailyBulkApiBatches":{"Max":100,"Remaining":14}}""");
        var input = TwentyAccounts();

        var result = await RunTargetAsync(input, new
        {
            action = "upsert", external_id_name = "External_Id__c", rest_threshold_rows = 0, batch_size_rows = 1, max_parallel_jobs = 1, max_bulk_batch_usage_percent = 90,
        });

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.Stderr, Does.Contain("DailyBulkApiBatches").And.Contain("max_bulk_batch_usage_percent (90%)"));
        Assert.That(await Org.CountAsync("Account"), Is.EqualTo(4), "four jobs of one batch each fit under 90 of 100");
        var limits = await Org.GetAdminAsync("/__emulator/limits");
        Assert.That((long)limits["DailyBulkApiBatches"]!["Remaining"]!, Is.EqualTo(10));
        await AssertStateIsTrueAsync(result);
        await AccountingInvariant.AssertHoldsAsync(input.ToString(), result, Org, "Account", "External_Id__c", rejectFile: null);
    }

    [Test]
    public async Task Test_connection_prints_the_orgs_remaining_allowances()
    {
        await Org.PostAdminAsync("/__emulator/limits", """{"DailyApiRequests":{"Max":5000,"Remaining":4321}}""");

        var result = await RunTargetAsync(string.Empty, null, "--test-connection");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(result.Stdout + result.Stderr, Does.Contain("DailyApiRequests 4,3").And.Contain("of 5,000 remaining").And.Contain("DailyBulkApiBatches"));
    }

    /// <summary>The run stopped early; every record up to the last state emitted is in the org, and nothing far past it.</summary>
    private async Task AssertStateIsTrueAsync(TargetResult result)
    {
        Assert.That(result.StdoutLines, Is.Not.Empty, "the records loaded before the stop carry their state");
        var position = (int)JObject.Parse(result.StdoutLines[^1])["position"]!;
        var loaded = (await Org.QueryAsync("SELECT External_Id__c FROM Account"))
            .Select(r => int.Parse(r["External_Id__c"]!.ToString()[2..], System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        Assert.That(position, Is.LessThan(20), "the run stopped before the end of its input");
        Assert.That(Enumerable.Range(1, position).Where(i => !loaded.Contains(i)), Is.Empty, "every record before the last state is loaded");
        Assert.That(loaded.Max(), Is.LessThanOrEqualTo(position + 1), "nothing was loaded past the record after the state");
    }
}

using SalesforceEmulator.Bulk;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Loading;

/// <summary>
/// The end of input, end to end: a stream's last rows go to Salesforce as quarter-chunk Bulk jobs, so idle workers
/// share them, and as one job with `balance_final_jobs` off; either way every record is loaded once.
/// </summary>
internal sealed class EndOfInputJobsTests : EmulatorTestBase
{
    private const int Records = 25_000;

    [TestCase(true, new[] { 10_000, 10_000, 2_500, 2_500 })]
    [TestCase(false, new[] { 10_000, 10_000, 5_000 })]
    public async Task The_last_rows_go_in_small_jobs_unless_balancing_is_off(bool balance, int[] jobRows)
    {
        var input = new SingerStream().Schema("Account", AccountFeed.Schema);
        for (var i = 1; i <= Records; i++)
        {
            input.Record("Account", new { External_Id__c = $"A-{i:D5}", Name = $"Account {i}" });
        }

        input.State(new { position = Records });

        var result = await RunTargetAsync(input, AccountFeed.Upsert(new { balance_final_jobs = balance }));

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var jobs = Emulator.Jobs.All().OrderBy(j => j.CreatedDate).ToList();
        Assert.That(jobs.Select(j => j.RowCount), Is.EqualTo(jobRows));
        Assert.That(jobs.Select(j => j.State), Has.All.EqualTo(JobState.JobComplete));
        Assert.That(await Org.CountAsync("Account"), Is.EqualTo(Records));
        Assert.That(result.StdoutLines[^1], Is.EqualTo($$"""{"position":{{Records}}}"""));
    }
}

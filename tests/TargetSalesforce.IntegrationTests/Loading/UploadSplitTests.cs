using SalesforceEmulator;
using SalesforceEmulator.Bulk;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Loading;

/// <summary>
/// The target's upload splitting against an org that refuses large uploads: with a 200 KB (base64) cap, as Salesforce
/// caps uploads at 150 MB, `batch_size_bytes` keeps every job's CSV under it; without it the org's refusal fails the run.
/// </summary>
internal sealed class UploadSplitTests : EmulatorTestBase
{
    private const long UploadCap = 200_000;
    private const int Records = 3000;

    protected override EmulatorOptions CreateOptions() => new() { MaxUploadBase64Bytes = UploadCap };

    /// <summary>About 450 KB of CSV: over the cap once base64-encoded, in records of about 150 bytes.</summary>
    private static SingerStream Feed()
    {
        var input = new SingerStream().Schema("Account", AccountFeed.Schema);
        for (var i = 1; i <= Records; i++)
        {
            input.Record("Account", new { External_Id__c = $"A-{i:D5}", Name = $"Account {i}", Description = $"row {i} " + new string('d', 120) });
            if (i % 500 == 0)
            {
                input.State(new { position = i });
            }
        }

        return input;
    }

    [Test]
    public async Task Batch_size_bytes_keeps_every_upload_under_the_orgs_cap()
    {
        var result = await RunTargetAsync(Feed(), AccountFeed.Upsert(new { batch_size_bytes = 100_000 }));

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var jobs = Emulator.Jobs.All();
        Assert.That(jobs, Has.Count.GreaterThan(1), "the data is larger than one upload may be, so it was split");
        Assert.That(jobs.Select(j => JobStore.Base64Length(j.UploadBytes)), Has.All.LessThanOrEqualTo(UploadCap));
        Assert.That(jobs.Select(j => j.State), Has.All.EqualTo(JobState.JobComplete));
        Assert.That(await Org.CountAsync("Account"), Is.EqualTo(Records));
        Assert.That(result.StdoutLines[^1], Is.EqualTo($$"""{"position":{{Records}}}"""));
    }

    [Test]
    public async Task Without_a_smaller_batch_size_the_orgs_refusal_fails_the_run_and_says_why()
    {
        var result = await RunTargetAsync(Feed(), AccountFeed.Upsert());

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.Stderr, Does.Contain("Exceeded max size limit"), result.ToString);
        Assert.That(result.StdoutLines, Is.Empty, "no state is emitted past records that were not loaded");
        Assert.That(await Org.CountAsync("Account"), Is.Zero);
    }
}

using Newtonsoft.Json.Linq;
using SalesforceEmulator;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Loading;

/// <summary>
/// A lock-heavy stream: every 200 Contacts name all twenty Accounts (by external id), against an emulator whose
/// four workers hold a transaction's Accounts longer than another transaction waits for them. Sent in input order,
/// jobs running side by side fight over the Accounts and rows fail with UNABLE_TO_LOCK_ROW; ordered by Account
/// and cut at Account boundaries (the default), the same rows load with no lock failure.
/// </summary>
internal sealed class ParentLockTests : EmulatorTestBase
{
    private const int Accounts = 20;
    private const int Contacts = 8_000;

    // A 200-row transaction holds its Accounts 20 ms; a waiting one gives up after 5 ms.
    protected override EmulatorOptions CreateOptions() =>
        new() { ProcessingRate = 10_000, Workers = 4, LockTimeout = TimeSpan.FromMilliseconds(5) };

    private static SingerStream Input()
    {
        var input = new SingerStream()
            .Schema("Account", SingerStream.ObjectSchema(new Dictionary<string, string> { ["External_Id__c"] = "string", ["Name"] = "string" }));
        for (var a = 0; a < Accounts; a++)
        {
            input.Record("Account", new { External_Id__c = $"ACC-{a}", Name = $"Account {a}" });
        }

        input.Schema("Contact", JObject.Parse("""
            {"type":"object","properties":{
              "External_Id__c":{"type":"string"},"LastName":{"type":"string"},
              "Account":{"type":"object","properties":{"External_Id__c":{"type":"string"}}}}}
            """));
        for (var c = 0; c < Contacts; c++)
        {
            input.Record("Contact", new { External_Id__c = $"C-{c}", LastName = $"Person {c}", Account = new { External_Id__c = $"ACC-{c % Accounts}" } });
        }

        return input.State(new { position = Contacts });
    }

    private async Task<(TargetResult Result, string[] LockRejects)> LoadAsync(bool lockAwareOrdering)
    {
        var rejectFile = Path.Combine(Path.GetTempPath(), $"rejects-{Guid.NewGuid():N}.jsonl");
        try
        {
            var result = await RunTargetAsync(Input(), new
            {
                action = "upsert", external_id_name = "External_Id__c", allow_failures = true, reject_file = rejectFile,
                batch_size_rows = 2_000, max_parallel_jobs = 4, lock_retry_attempts = 0, lock_aware_ordering = lockAwareOrdering,
            });
            var rejects = File.Exists(rejectFile) ? await File.ReadAllLinesAsync(rejectFile) : [];
            return (result, rejects.Select(JObject.Parse).Select(r => (string)r["error_code"]!).Where(code => code == "UNABLE_TO_LOCK_ROW").ToArray());
        }
        finally
        {
            File.Delete(rejectFile);
        }
    }

    [Test]
    public async Task In_input_order_parallel_jobs_collide_on_their_Accounts()
    {
        var (result, lockRejects) = await LoadAsync(lockAwareOrdering: false);

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(lockRejects, Is.Not.Empty, "chunks naming the same Accounts ran at once");
    }

    [Test]
    public async Task Ordered_by_Account_the_same_rows_load_with_no_lock_failure()
    {
        var (result, lockRejects) = await LoadAsync(lockAwareOrdering: true);

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(lockRejects, Is.Empty);
        Assert.That(await Org.CountAsync("Contact"), Is.EqualTo(Contacts));
        Assert.That(result.Stderr, Does.Not.Contain("Lock retries"));
        Assert.That(result.StdoutLines[^1], Is.EqualTo($$"""{"position":{{Contacts}}}"""));
    }
}

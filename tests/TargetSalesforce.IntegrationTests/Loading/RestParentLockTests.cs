using Newtonsoft.Json.Linq;
using SalesforceEmulator;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Loading;

/// <summary>
/// A small lock-heavy batch goes by sObject Collections: 800 Contacts of one Account in one batch (not cut by parent
/// here), four calls of 200. The org's Contact trigger keeps a call's Account locked 0.2 s (1 ms a record) and a
/// waiting call gives up after 5 ms, so two calls of that Account side by side fail with UNABLE_TO_LOCK_ROW. The target
/// sends calls that share a parent one after the other, and every Contact loads.
/// </summary>
internal sealed class RestParentLockTests : EmulatorTestBase
{
    private const int Contacts = 800;

    private string orgFile = null!;

    protected override EmulatorOptions CreateOptions()
    {
        orgFile = ExampleOrgFile.Write("rest-lock", org => ExampleOrgFile.Object(org, "Contact")["triggerMillisPerRow"] = 1);
        return new EmulatorOptions { OrgFile = orgFile, LockTimeout = TimeSpan.FromMilliseconds(5) };
    }

    [OneTimeTearDown]
    public void DeleteOrgFile() => File.Delete(orgFile);

    [Test]
    public async Task Calls_naming_the_same_Account_are_sent_one_after_the_other_and_none_fails_its_lock()
    {
        var input = new SingerStream()
            .Schema("Account", SingerStream.ObjectSchema(new Dictionary<string, string> { ["External_Id__c"] = "string", ["Name"] = "string" }))
            .Record("Account", new { External_Id__c = "ACC-1", Name = "Acme" })
            .Schema("Contact", JObject.Parse("""
                {"type":"object","properties":{
                  "External_Id__c":{"type":"string"},"LastName":{"type":"string"},
                  "Account":{"type":"object","properties":{"External_Id__c":{"type":"string"}}}}}
                """));
        for (var c = 0; c < Contacts; c++)
        {
            input.Record("Contact", new { External_Id__c = $"C-{c}", LastName = $"Person {c}", Account = new { External_Id__c = "ACC-1" } });
        }

        var rejectFile = Path.Combine(Path.GetTempPath(), $"rejects-{Guid.NewGuid():N}.jsonl");
        try
        {
            var result = await RunTargetAsync(input.State(new { position = Contacts }), new
            {
                action = "upsert", external_id_name = "External_Id__c", allow_failures = true, reject_file = rejectFile, lock_retry_attempts = 0,
                rest_threshold_rows = 2_000, lock_aware_ordering = false,
            });
            var rejects = File.Exists(rejectFile) ? await File.ReadAllLinesAsync(rejectFile) : [];

            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            Assert.That(result.Stderr, Does.Contain("801 records sent by REST (sObject Collections, 5 calls)"), "the Contacts went by REST");
            Assert.That(rejects, Is.Empty, string.Join("\n", rejects.Take(3)));
            Assert.That(await Org.CountAsync("Contact"), Is.EqualTo(Contacts));
            Assert.That(result.StdoutLines[^1], Is.EqualTo($$"""{"position":{{Contacts}}}"""));
        }
        finally
        {
            File.Delete(rejectFile);
        }
    }
}

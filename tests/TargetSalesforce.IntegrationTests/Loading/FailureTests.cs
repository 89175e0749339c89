using Newtonsoft.Json.Linq;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Loading;

/// <summary>Per-row errors from Salesforce with allow_failures off and on, and the reject file.</summary>
internal sealed class FailureTests : EmulatorTestBase
{
    // LastName is required by the org but not by this schema, so the org is what rejects the record.
    private static readonly JObject ContactSchema = SingerStream.ObjectSchema(new Dictionary<string, string>
    {
        ["External_Id__c"] = "string", ["FirstName"] = "string", ["LastName"] = "string",
    });

    private static SingerStream ThreeContactsOneBad(out int badLine)
    {
        var input = new SingerStream().Schema("Contact", ContactSchema)
            .Record("Contact", new { External_Id__c = "C-1", LastName = "Lovelace" })
            .State(new { position = 1 });
        badLine = input.NextLine;
        input.Record("Contact", new { External_Id__c = "C-2", FirstName = "Nameless" })
            .State(new { position = 2 })
            .Record("Contact", new { External_Id__c = "C-3", LastName = "Hopper" })
            .State(new { position = 3 });
        return input;
    }

    [Test]
    public async Task Without_allow_failures_a_failed_record_halts_the_run_with_no_state_past_it()
    {
        var input = ThreeContactsOneBad(out var badLine);

        var result = await RunTargetAsync(input, new { action = "insert", allow_failures = false, max_parallel_jobs = 1 });

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.Stderr, Does.Contain("REQUIRED_FIELD_MISSING"));
        Assert.That(result.Stderr, Does.Contain($"line {badLine}"));
        Assert.That(result.StdoutLines, Has.None.Contains("\"position\":2").And.None.Contains("\"position\":3"), "no state past the failed record");
        await AccountingInvariant.AssertHoldsAsync(input.ToString(), result, Org, "Contact", "External_Id__c", rejectFile: null);
    }

    [Test]
    public async Task With_allow_failures_failed_records_are_reported_and_the_rest_load()
    {
        var rejectFile = Path.Combine(Path.GetTempPath(), $"rejects-{Guid.NewGuid():N}.jsonl");
        var input = ThreeContactsOneBad(out var badLine);

        try
        {
            var result = await RunTargetAsync(input, new { action = "insert", allow_failures = true, reject_file = rejectFile });

            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            Assert.That((await Org.QueryAsync("SELECT External_Id__c FROM Contact ORDER BY External_Id__c")).Select(r => r["External_Id__c"]!.ToString()),
                Is.EqualTo(new[] { "C-1", "C-3" }));
            Assert.That(result.StdoutLines[^1], Is.EqualTo("""{"position":3}"""));
            Assert.That(result.Stderr, Does.Contain("REQUIRED_FIELD_MISSING"));

            await AccountingInvariant.AssertHoldsAsync(input.ToString(), result, Org, "Contact", "External_Id__c", rejectFile);
            var rejects = (await File.ReadAllLinesAsync(rejectFile)).Select(JObject.Parse).ToList();
            Assert.That(rejects, Has.Count.EqualTo(1));
            Assert.That(rejects[0]["stream"]!.ToString(), Is.EqualTo("Contact"));
            Assert.That(rejects[0]["line"]!.Value<int>(), Is.EqualTo(badLine));
            Assert.That(rejects[0]["error_code"]!.ToString(), Is.EqualTo("REQUIRED_FIELD_MISSING"));
            Assert.That(rejects[0]["record"]!["External_Id__c"]!.ToString(), Is.EqualTo("C-2"));
        }
        finally
        {
            File.Delete(rejectFile);
        }
    }
}

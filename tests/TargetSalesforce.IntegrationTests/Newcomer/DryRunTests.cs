using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Newcomer;

/// <summary>`--dry-run` checks a whole pipeline against the org's describes without writing to it.</summary>
internal sealed class DryRunTests : EmulatorTestBase
{
    private static SingerStream Contacts(out int badDateLine, out int badSchemaLine)
    {
        var input = new SingerStream().Schema("Contact", SingerStream.ObjectSchema(new Dictionary<string, string>
        {
            ["External_Id__c"] = "string", ["LastName"] = "string", ["Birthdate"] = "string", ["NumberOfEmployees__x"] = "integer",
        }), "External_Id__c")
            .Record("Contact", new { External_Id__c = "D-1", LastName = "Lovelace", Birthdate = "1815-12-10" })
            .State(new { at = 1 });
        badDateLine = input.NextLine;
        input.Record("Contact", new { External_Id__c = "D-2", LastName = "Hopper", Birthdate = "9 December 1906" });
        badSchemaLine = input.NextLine;
        input.Record("Contact", new { External_Id__c = "D-3", LastName = "Noether", NumberOfEmployees__x = "many" })
            .Record("Contact", new { External_Id__c = "D-4", LastName = "Curie" })
            .State(new { at = 4 });
        return input;
    }

    [Test]
    public async Task It_reports_every_local_failure_by_line_and_what_would_load_writes_nothing_and_exits_1()
    {
        var input = Contacts(out var badDateLine, out var badSchemaLine);

        var result = await RunTargetAsync(input, new { action = "upsert", external_id_name = "External_Id__c" }, "--dry-run");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.Stdout, Is.Empty, "no state");
        Assert.That(result.Stderr, Does.Contain($"line {badDateLine}").And.Contain("\"9 December 1906\""));
        Assert.That(result.Stderr, Does.Contain($"line {badSchemaLine}"));
        Assert.That(result.Stderr, Does.Contain("Dry run: stream 'Contact' → Contact: 2 records would upsert"));
        Assert.That(result.Stderr, Does.Contain("2 records would fail before reaching Salesforce"));
        Assert.That(await Org.CountAsync("Contact"), Is.Zero, "nothing written");
        var bulkCalls = ((Newtonsoft.Json.Linq.JObject)(await Org.StatsAsync())["requests"]!["byRoute"]!).Properties()
            .Where(p => p.Name.Contains("/jobs/ingest", StringComparison.Ordinal)).Sum(p => (int)p.Value);
        Assert.That(bulkCalls, Is.Zero, "no Bulk job");
    }

    [Test]
    public async Task A_clean_pipeline_passes_with_exit_0()
    {
        var input = new SingerStream().Schema("Contact", SingerStream.ObjectSchema(new Dictionary<string, string>
        {
            ["External_Id__c"] = "string", ["LastName"] = "string",
        }), "External_Id__c").Record("Contact", new { External_Id__c = "D-1", LastName = "Lovelace" }).State(new { at = 1 });

        var result = await RunTargetAsync(input, new { action = "upsert", external_id_name = "External_Id__c" }, "--dry-run");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(result.Stdout, Is.Empty, "no state");
        Assert.That(result.Stderr, Does.Contain("1 record would upsert").And.Contain("Dry run passed"));
        Assert.That(await Org.CountAsync("Contact"), Is.Zero);
    }
}

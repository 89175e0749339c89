using Newtonsoft.Json.Linq;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Newcomer;

/// <summary>
/// The worked example of "Shaping records for Salesforce" (examples/shaping/, shown in the README): a tap's own
/// column names mapped to fields, a billing address object, a record type and an owner by name, a parent by external
/// id, a null opt-out checkbox, and the results file. Run as shipped, twice, as an incremental schedule would: with the login pointed at the emulator.
/// </summary>
internal sealed class ShapingExampleTests : EmulatorTestBase
{
    private static string Folder => Path.Combine(RepoPaths.Examples, "shaping");

    [Test]
    public async Task The_example_loads_as_shipped_and_its_second_run_changes_nothing_and_fails_nothing()
    {
        using var folder = new TempFolder();
        var results = folder.File("shaping-results.jsonl");
        using var config = ExampleConfig(results);
        var input = await File.ReadAllTextAsync(Path.Combine(Folder, "tap-output.singer"));

        var first = await TargetProcess.RunAsync(["--config", config.Path], input);
        var second = await TargetProcess.RunAsync(["--config", config.Path], input);

        Assert.That(first.ExitCode, Is.Zero, first.ToString);
        Assert.That(second.ExitCode, Is.Zero, second.ToString);
        var northwind = await Org.FindAsync("Account", "Id, Name, BillingStreet, BillingCity, BillingState, BillingPostalCode, BillingCountry", "External_Id__c = 'CO-1'");
        Assert.That(northwind, Is.Not.Null);
        Assert.That($"{northwind!["Name"]}|{northwind["BillingStreet"]}|{northwind["BillingCity"]}|{northwind["BillingState"]}|{northwind["BillingPostalCode"]}|{northwind["BillingCountry"]}",
            Is.EqualTo("Northwind Traders|1 Harbour Way|Seattle|WA|98101|US"));
        var people = (await Org.QueryAsync("SELECT External_Id__c, FirstName, LastName, Email, AccountId, HasOptedOutOfEmail FROM Contact ORDER BY External_Id__c"))
            .Select(r => $"{r["External_Id__c"]}|{r["FirstName"]}|{r["LastName"]}|{r["Email"]}|{(bool)r["HasOptedOutOfEmail"]!}").ToList();
        Assert.That(people, Is.EqualTo(new[] { "P-1|Ada|Byron|ada@northwind.example|False", "P-2|Alan|Turing|alan@contoso.example|True" }));
        var byName = (await Org.QueryAsync("SELECT External_Id__c, RecordType.DeveloperName, Owner.Username FROM Account ORDER BY External_Id__c"))
            .Select(r => $"{r["External_Id__c"]}|{r["RecordType"]?["DeveloperName"]}|{r["Owner"]?["Username"]}").ToList();
        Assert.That(byName, Is.EqualTo(new[] { "CO-1|Customer|sales@emulator.local", "CO-2|Partner|admin@emulator.local" }),
            "record type and owner by name");
        var ada = await Org.FindAsync("Contact", "AccountId", "External_Id__c = 'P-1'");
        Assert.That((string?)ada!["AccountId"], Is.EqualTo((string?)northwind["Id"]));

        var lines = (await File.ReadAllLinesAsync(results)).Select(JObject.Parse).ToList();
        // In input order within each stream's jobs (the two streams' jobs may finish in either order).
        string Stream(string name) => string.Join(" ", lines.Where(l => (string?)l["stream"] == name).Select(l => $"{l["key"]!.First!.First}:{l["created"]}"));
        Assert.That(Stream("crm_companies"), Is.EqualTo("CO-1:True CO-2:True CO-1:False CO-2:False"), "the second run updates what the first created");
        Assert.That(Stream("crm_people"), Is.EqualTo("P-1:True P-2:True P-1:False P-2:False"));
    }

    /// <summary>examples/shaping/target.json as shipped, logging in to the emulator and writing its results file to a test folder.</summary>
    private TargetConfig ExampleConfig(string results)
    {
        var example = JObject.Parse(File.ReadAllText(Path.Combine(Folder, "target.json")));
        foreach (var login in new[] { "domain", "client_id", "client_secret", "refresh_token" })
        {
            example.Remove(login);
        }

        example["results_file"] = results;
        return TargetConfig.For(Emulator.BaseUrl, example);
    }
}

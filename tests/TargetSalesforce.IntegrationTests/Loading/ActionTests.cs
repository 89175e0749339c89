using Newtonsoft.Json.Linq;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Loading;

/// <summary>Each Bulk API action, end to end: the built target against the emulator, checked in the org.</summary>
internal sealed class ActionTests : EmulatorTestBase
{
    private static readonly JObject AccountSchema = SingerStream.ObjectSchema(new Dictionary<string, string>
    {
        ["Id"] = "string",
        ["External_Id__c"] = "string",
        ["Name"] = "string",
        ["Phone"] = "string",
        ["NumberOfEmployees"] = "integer",
    });

    [Test]
    public async Task Insert_creates_every_record()
    {
        var input = new SingerStream().Schema("Account", AccountSchema)
            .Record("Account", new { Name = "Acme", NumberOfEmployees = 10 })
            .Record("Account", new { Name = "Globex", NumberOfEmployees = 20 })
            .State(new { bookmarks = new { Account = 2 } });

        var result = await RunTargetAsync(input, new { action = "insert" });

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var names = (await Org.QueryAsync("SELECT Name, NumberOfEmployees FROM Account ORDER BY Name")).Select(r => $"{r["Name"]}:{r["NumberOfEmployees"]}");
        Assert.That(names, Is.EqualTo(new[] { "Acme:10", "Globex:20" }));
        Assert.That(result.StdoutLines, Is.EqualTo(new[] { """{"bookmarks":{"Account":2}}""" }));
    }

    [Test]
    public async Task Update_changes_the_records_named_by_Id_and_leaves_absent_fields()
    {
        await SeedAccountsAsync(("A-1", "Acme", "111"), ("A-2", "Globex", "222"));
        var acme = (await Org.FindAsync("Account", "Id", "External_Id__c = 'A-1'"))!["Id"]!.ToString();

        var input = new SingerStream().Schema("Account", AccountSchema)
            .Record("Account", new { Id = acme, Name = "Acme Renamed" });
        var result = await RunTargetAsync(input, new { action = "update" });

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var updated = await Org.FindAsync("Account", "Name, Phone", $"Id = '{acme}'");
        Assert.That(updated!["Name"]!.ToString(), Is.EqualTo("Acme Renamed"));
        Assert.That(updated["Phone"]!.ToString(), Is.EqualTo("111"), "an absent field stays as it was");
        Assert.That((await Org.FindAsync("Account", "Name", "External_Id__c = 'A-2'"))!["Name"]!.ToString(), Is.EqualTo("Globex"));
    }

    [Test]
    public async Task Upsert_on_an_external_id_inserts_then_updates_without_duplicates()
    {
        var first = new SingerStream().Schema("Account", AccountSchema)
            .Record("Account", new { External_Id__c = "A-1", Name = "Acme" })
            .Record("Account", new { External_Id__c = "A-2", Name = "Globex" });
        var second = new SingerStream().Schema("Account", AccountSchema)
            .Record("Account", new { External_Id__c = "A-2", Name = "Globex Two" })
            .Record("Account", new { External_Id__c = "A-3", Name = "Initech" });
        var config = new { action = "upsert", external_id_name = "External_Id__c" };

        Assert.That((await RunTargetAsync(first, config)).ExitCode, Is.Zero);
        var result = await RunTargetAsync(second, config);

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var rows = (await Org.QueryAsync("SELECT External_Id__c, Name FROM Account ORDER BY External_Id__c")).Select(r => $"{r["External_Id__c"]}={r["Name"]}");
        Assert.That(rows, Is.EqualTo(new[] { "A-1=Acme", "A-2=Globex Two", "A-3=Initech" }));
    }

    [Test]
    public async Task Upsert_on_Id_updates_the_named_record()
    {
        await SeedAccountsAsync(("A-1", "Acme", "111"));
        var acme = (await Org.FindAsync("Account", "Id", "External_Id__c = 'A-1'"))!["Id"]!.ToString();

        var input = new SingerStream().Schema("Account", AccountSchema).Record("Account", new { Id = acme, Name = "Acme by Id" });
        var result = await RunTargetAsync(input, new { action = "upsert", external_id_name = "Id" });

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(await Org.CountAsync("Account"), Is.EqualTo(1));
        Assert.That((await Org.FindAsync("Account", "Name", $"Id = '{acme}'"))!["Name"]!.ToString(), Is.EqualTo("Acme by Id"));
    }

    [TestCase("delete")]
    [TestCase("hard_delete")]
    public async Task Delete_actions_remove_the_records_named_by_Id(string action)
    {
        await SeedAccountsAsync(("A-1", "Acme", "1"), ("A-2", "Globex", "2"), ("A-3", "Initech", "3"));
        var doomed = (await Org.QueryAsync("SELECT Id FROM Account WHERE External_Id__c = 'A-1'"))
            .Concat(await Org.QueryAsync("SELECT Id FROM Account WHERE External_Id__c = 'A-3'"))
            .Select(r => r["Id"]!.ToString()).ToList();

        var input = new SingerStream().Schema("Account", AccountSchema);
        foreach (var id in doomed)
        {
            input.Record("Account", new { Id = id, Name = "ignored: deletes send only Id" });
        }

        var result = await RunTargetAsync(input, new { action });

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var left = (await Org.QueryAsync("SELECT External_Id__c FROM Account")).Select(r => r["External_Id__c"]!.ToString());
        Assert.That(left, Is.EqualTo(new[] { "A-2" }));
    }

    private async Task SeedAccountsAsync(params (string ExternalId, string Name, string Phone)[] accounts)
    {
        var input = new SingerStream().Schema("Account", AccountSchema);
        foreach (var (externalId, name, phone) in accounts)
        {
            input.Record("Account", new { External_Id__c = externalId, Name = name, Phone = phone });
        }

        var seeded = await RunTargetAsync(input, new { action = "insert" });
        Assert.That(seeded.ExitCode, Is.Zero, seeded.ToString);
    }
}

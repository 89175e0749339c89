using Newtonsoft.Json.Linq;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Loading;

/// <summary>Values as they land in the org: conversions, relationships, nulls, fields the object cannot take.</summary>
internal sealed class ValueTests : EmulatorTestBase
{
    [Test]
    public async Task Relationship_columns_resolve_parents_by_external_id()
    {
        var input = new SingerStream()
            .Schema("Account", SingerStream.ObjectSchema(new Dictionary<string, string> { ["External_Id__c"] = "string", ["Name"] = "string" }))
            .Record("Account", new { External_Id__c = "ACME", Name = "Acme" })
            .Schema("Contact", JObject.Parse("""
                {"type":"object","properties":{
                  "External_Id__c":{"type":"string"},"LastName":{"type":"string"},
                  "Account":{"type":["object","null"],"properties":{"External_Id__c":{"type":"string"}}}}}
                """))
            .Record("Contact", new { External_Id__c = "C-1", LastName = "Lovelace", Account = new { External_Id__c = "ACME" } })
            .Schema("Invoice__c", JObject.Parse("""
                {"type":"object","properties":{
                  "External_Id__c":{"type":"string"},"Name":{"type":"string"},
                  "Account__r":{"type":["object","null"],"properties":{"External_Id__c":{"type":"string"}}}}}
                """))
            .Record("Invoice__c", new { External_Id__c = "I-1", Name = "Invoice 1", Account__r = new { External_Id__c = "ACME" } });

        var result = await RunTargetAsync(input, new { action = "upsert", external_id_name = "External_Id__c", max_parallel_jobs = 1 });

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var accountId = (await Org.FindAsync("Account", "Id", "External_Id__c = 'ACME'"))!["Id"]!.ToString();
        Assert.That((await Org.FindAsync("Contact", "AccountId", "External_Id__c = 'C-1'"))!["AccountId"]!.ToString(), Is.EqualTo(accountId));
        Assert.That((await Org.FindAsync("Invoice__c", "Account__c", "External_Id__c = 'I-1'"))!["Account__c"]!.ToString(), Is.EqualTo(accountId));
    }

    [Test]
    public async Task Null_clears_a_field_on_upsert_and_an_absent_field_is_left_alone()
    {
        var schema = SingerStream.ObjectSchema(new Dictionary<string, string>
        {
            ["External_Id__c"] = "string", ["Name"] = "string", ["Phone"] = "string", ["Website"] = "string",
        });
        var config = new { action = "upsert", external_id_name = "External_Id__c" };
        var seed = new SingerStream().Schema("Account", schema)
            .Record("Account", new { External_Id__c = "A-1", Name = "Acme", Phone = "555", Website = "https://acme.example" });
        Assert.That((await RunTargetAsync(seed, config)).ExitCode, Is.Zero);

        var change = new SingerStream().Schema("Account", schema).Record("Account", """{"External_Id__c":"A-1","Phone":null}""");
        var result = await RunTargetAsync(change, config);

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var account = await Org.FindAsync("Account", "Name, Phone, Website", "External_Id__c = 'A-1'");
        Assert.That(account!["Phone"]!.Type, Is.EqualTo(JTokenType.Null), "null clears the field");
        Assert.That(account["Website"]!.ToString(), Is.EqualTo("https://acme.example"), "an absent field is untouched");
        Assert.That(account["Name"]!.ToString(), Is.EqualTo("Acme"));
    }

    [Test]
    public async Task Values_are_converted_by_the_field_type()
    {
        var schema = JObject.Parse("""
            {"type":"object","properties":{
              "External_Id__c":{"type":"string"},"Name":{"type":"string"},
              "Amount__c":{"type":["number","null"]},
              "Issued_On__c":{"type":["string","null"],"format":"date-time"},
              "Paid__c":{"type":["boolean","null"]},
              "Paid_At__c":{"type":["string","null"],"format":"date-time"}}}
            """);
        var input = new SingerStream().Schema("Invoice__c", schema)
            .Line("""{"type":"RECORD","stream":"Invoice__c","record":{"External_Id__c":"I-1","Name":"Big","Amount__c":12345678901234.56,"Issued_On__c":"2026-10-07T23:30:00+09:00","Paid__c":true,"Paid_At__c":"2026-10-08T01:00:00.5+09:00"}}""")
            .Line("""{"type":"RECORD","stream":"Invoice__c","record":{"External_Id__c":"I-2","Name":"Small \"quoted\", with comma\nand a newline — ünïcode","Amount__c":1.5E3,"Issued_On__c":"2026-01-31T10:00:00Z","Paid__c":false,"Paid_At__c":"2026-01-31T23:59:59Z"}}""");

        var result = await RunTargetAsync(input, new { action = "upsert", external_id_name = "External_Id__c" });

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var big = await Org.FindAsync("Invoice__c", "Amount__c, Issued_On__c, Paid__c, Paid_At__c", "External_Id__c = 'I-1'");
        Assert.That(big!["Amount__c"]!.Value<decimal>(), Is.EqualTo(12345678901234.56m));
        Assert.That(big["Issued_On__c"]!.ToString(), Is.EqualTo("2026-10-07"), "a date field takes the date part of a date-time");
        Assert.That(big["Paid__c"]!.Value<bool>(), Is.True);
        Assert.That(big["Paid_At__c"]!.ToString(), Does.StartWith("2026-10-07T16:00:00.500"), "date-times are sent in UTC");
        var small = await Org.FindAsync("Invoice__c", "Name, Amount__c, Paid__c", "External_Id__c = 'I-2'");
        Assert.That(small!["Name"]!.ToString(), Is.EqualTo("Small \"quoted\", with comma\nand a newline — ünïcode"));
        Assert.That(small["Amount__c"]!.Value<decimal>(), Is.EqualTo(1500m));
        Assert.That(small["Paid__c"]!.Value<bool>(), Is.False);
    }

    [Test]
    public async Task Unknown_and_read_only_fields_are_dropped_with_one_warning_each()
    {
        var schema = SingerStream.ObjectSchema(new Dictionary<string, string>
        {
            ["Name"] = "string", ["Favourite_Colour"] = "string", ["CreatedDate"] = "string",
        });
        var input = new SingerStream().Schema("Account", schema)
            .Record("Account", new { Name = "Acme", Favourite_Colour = "blue", CreatedDate = "2020-01-01T00:00:00Z" })
            .Record("Account", new { Name = "Globex", Favourite_Colour = "red", CreatedDate = "2020-01-01T00:00:00Z" });

        var result = await RunTargetAsync(input, new { action = "insert" });

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(await Org.CountAsync("Account"), Is.EqualTo(2));
        Assert.That(Occurrences(result.Stderr, "Favourite_Colour"), Is.EqualTo(1), result.Stderr);
        Assert.That(Occurrences(result.Stderr, "CreatedDate"), Is.EqualTo(1), result.Stderr);
    }

    [Test]
    public async Task Unknown_fields_fail_the_run_when_asked()
    {
        var schema = SingerStream.ObjectSchema(new Dictionary<string, string> { ["Name"] = "string", ["Favourite_Colour"] = "string" });
        var input = new SingerStream().Schema("Account", schema).Record("Account", new { Name = "Acme", Favourite_Colour = "blue" });

        var result = await RunTargetAsync(input, new { action = "insert", unknown_fields = "fail" });

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.Stderr, Does.Contain("Favourite_Colour"));
        Assert.That(await Org.CountAsync("Account"), Is.Zero);
    }

    private static int Occurrences(string text, string word) =>
        text.Split('\n').Count(line => line.Contains(word, StringComparison.Ordinal));
}

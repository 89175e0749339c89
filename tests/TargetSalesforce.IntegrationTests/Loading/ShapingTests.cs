using Newtonsoft.Json.Linq;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Loading;

/// <summary>
/// Shaping records for Salesforce, end to end against the emulator's default org: field maps, a billing address
/// object, nulls on checkboxes that cannot be null, the results file's Ids, and assignment rules on the job. Each
/// load runs by Bulk (rest_threshold_rows 0) and by sObject Collections where the route matters.
/// </summary>
internal sealed class ShapingTests : EmulatorTestBase
{
    private const int ByBulk = 0;
    private const int ByRest = 2000;

    private static readonly JObject PeopleSchema = JObject.Parse("""
        {"type":"object","properties":{
          "person_id":{"type":"string"},
          "surname":{"type":["string","null"]},
          "email_address":{"type":["string","null"]},
          "company_ref":{"type":["string","null"]},
          "opted_out":{"type":["boolean","null"]},
          "internal_note":{"type":["string","null"]}}}
        """);

    private static readonly Dictionary<string, string?> PeopleFields = new()
    {
        ["person_id"] = "External_Id__c",
        ["surname"] = "LastName",
        ["email_address"] = "Email",
        ["company_ref"] = "Account.External_Id__c",
        ["opted_out"] = "HasOptedOutOfEmail",
        ["internal_note"] = null,
    };

    private static JObject PeopleConfig(int restThresholdRows, object? more = null)
    {
        var config = JObject.FromObject(new
        {
            action = "upsert",
            external_id_name = "External_Id__c",
            rest_threshold_rows = restThresholdRows,
            streams = new { people = new { @object = "Contact", fields = PeopleFields } },
        });
        if (more is not null)
        {
            config.Merge(JObject.FromObject(more));
        }

        return config;
    }

    private async Task<string> SeedAccountAsync(string externalId, string name)
    {
        var seed = new SingerStream()
            .Schema("Account", SingerStream.ObjectSchema(new Dictionary<string, string> { ["External_Id__c"] = "string", ["Name"] = "string" }))
            .Record("Account", new { External_Id__c = externalId, Name = name });
        var seeded = await RunTargetAsync(seed, new { action = "upsert", external_id_name = "External_Id__c" });
        Assert.That(seeded.ExitCode, Is.Zero, seeded.ToString);
        return (string)(await Org.FindAsync("Account", "Id", $"External_Id__c = '{externalId}'"))!["Id"]!;
    }

    [TestCase(ByBulk)]
    [TestCase(ByRest)]
    public async Task Mapped_properties_load_under_their_field_names_and_a_relationship_path_finds_the_parent(int restThresholdRows)
    {
        var accountId = await SeedAccountAsync("A-1", "Acme");
        var input = new SingerStream()
            .Schema("people", PeopleSchema, "person_id")
            .Record("people", new { person_id = "P-1", surname = "Lovelace", email_address = "ada@example.com", company_ref = "A-1", internal_note = "not a field" });

        var result = await RunTargetAsync(input, PeopleConfig(restThresholdRows));

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var contact = await Org.FindAsync("Contact", "LastName, Email, AccountId", "External_Id__c = 'P-1'");
        Assert.That(contact, Is.Not.Null);
        Assert.That((string?)contact!["LastName"], Is.EqualTo("Lovelace"));
        Assert.That((string?)contact["Email"], Is.EqualTo("ada@example.com"));
        Assert.That((string?)contact["AccountId"], Is.EqualTo(accountId));
        Assert.That(result.Stderr, Does.Not.Contain("internal_note"), "a property mapped to null is dropped without a word");
    }

    [Test]
    public async Task A_map_entry_naming_a_field_the_object_lacks_stops_the_stream_at_its_schema_naming_the_property_and_the_nearest_field()
    {
        var fields = new Dictionary<string, string?>(PeopleFields) { ["email_address"] = "Emails" };
        var input = new SingerStream()
            .Schema("people", PeopleSchema, "person_id")
            .Record("people", new { person_id = "P-1", surname = "Lovelace", email_address = "ada@example.com" });

        var result = await RunTargetAsync(input, new
        {
            action = "upsert", external_id_name = "External_Id__c", streams = new { people = new { @object = "Contact", fields } },
        });

        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString);
        Assert.That(result.Stderr, Does.Contain("streams.people.fields").And.Contain("'email_address'").And.Contain("'Emails'").And.Contain("nearest: Email"));
        Assert.That(await Org.CountAsync("Contact", "External_Id__c = 'P-1'"), Is.Zero);
        Assert.That(result.StdoutLines, Is.Empty, "no state");
    }

    [TestCase(ByBulk)]
    [TestCase(ByRest)]
    public async Task A_billing_address_object_is_written_as_its_components_and_a_scalar_in_its_place_fails_its_record_by_line(int restThresholdRows)
    {
        var schema = JObject.Parse("""
            {"type":"object","properties":{
              "ref":{"type":"string"},"Name":{"type":"string"},
              "addr":{"type":["object","string","null"],"properties":{
                "street":{"type":"string"},"city":{"type":"string"},"postalCode":{"type":"string"},"country":{"type":"string"},
                "Latitude":{"type":"number"},"longitude":{"type":"number"},"floor":{"type":"integer"}}}}}
            """);
        var input = new SingerStream().Schema("companies", schema, "ref")
            .Record("companies", """{"ref":"A-7","Name":"Acme","addr":{"street":"1 Main St","city":"Springfield","postalCode":"12345","country":"US","Latitude":39.78,"longitude":-89.65,"floor":3}}""");
        var scalarLine = input.NextLine;
        input.Record("companies", """{"ref":"A-8","Name":"Globex","addr":"2 High St"}""");

        var result = await RunTargetAsync(input, new
        {
            action = "upsert", external_id_name = "External_Id__c", allow_failures = true, rest_threshold_rows = restThresholdRows,
            streams = new { companies = new { @object = "Account", fields = new Dictionary<string, string?> { ["ref"] = "External_Id__c", ["addr"] = "BillingAddress" } } },
        });

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var account = await Org.FindAsync("Account", "BillingStreet, BillingCity, BillingPostalCode, BillingCountry, BillingLatitude, BillingLongitude", "External_Id__c = 'A-7'");
        Assert.That(account, Is.Not.Null);
        Assert.That((string?)account!["BillingStreet"], Is.EqualTo("1 Main St"));
        Assert.That((string?)account["BillingCity"], Is.EqualTo("Springfield"));
        Assert.That((string?)account["BillingPostalCode"], Is.EqualTo("12345"));
        Assert.That((string?)account["BillingCountry"], Is.EqualTo("US"));
        Assert.That((decimal?)account["BillingLatitude"], Is.EqualTo(39.78m));
        Assert.That((decimal?)account["BillingLongitude"], Is.EqualTo(-89.65m));
        Assert.That(result.Stderr, Does.Contain("addr.floor"), "a key with no component is reported like an unknown property");
        Assert.That(result.Stderr, Does.Contain($"line {scalarLine}").And.Contain("compound field"));
        Assert.That(await Org.CountAsync("Account", "External_Id__c = 'A-8'"), Is.Zero);
    }

    [TestCase(ByBulk)]
    [TestCase(ByRest)]
    public async Task A_null_checkbox_that_cannot_be_null_is_false_on_insert_and_on_update_and_a_null_last_name_leaves_it(int restThresholdRows)
    {
        var insert = new SingerStream().Schema("people", PeopleSchema, "person_id")
            .Record("people", """{"person_id":"P-1","surname":"Lovelace","opted_out":null}""")
            .Record("people", """{"person_id":"P-2","surname":"Hopper","opted_out":true}""");
        var inserted = await RunTargetAsync(insert, PeopleConfig(restThresholdRows));
        Assert.That(inserted.ExitCode, Is.Zero, inserted.ToString);

        // The second run: the same rows again, as an incremental tap sends them (the REQUIRED_FIELD_MISSING).
        var update = new SingerStream().Schema("people", PeopleSchema, "person_id")
            .Record("people", """{"person_id":"P-1","surname":"Lovelace","opted_out":null}""")
            .Record("people", """{"person_id":"P-2","surname":null,"opted_out":null}""");
        var updated = await RunTargetAsync(update, PeopleConfig(restThresholdRows));

        Assert.That(updated.ExitCode, Is.Zero, updated.ToString);
        var rows = (await Org.QueryAsync("SELECT External_Id__c, LastName, HasOptedOutOfEmail FROM Contact WHERE External_Id__c IN ('P-1','P-2') ORDER BY External_Id__c"))
            .Select(r => ((string?)r["External_Id__c"], (string?)r["LastName"], (bool?)r["HasOptedOutOfEmail"])).ToList();
        Assert.That(rows, Is.EqualTo(new[] { ("P-1", "Lovelace", false), ("P-2", "Hopper", false) }));
        Assert.That(System.Text.RegularExpressions.Regex.Count(updated.Stderr, "HasOptedOutOfEmail cannot be null"), Is.EqualTo(1), "one warning per field per run");
        Assert.That(updated.Stderr, Does.Contain("Contact.LastName cannot be null"));
    }

    [TestCase(ByBulk)]
    [TestCase(ByRest)]
    public async Task The_results_file_holds_the_ids_the_org_stores_in_input_order_and_says_which_rows_were_created(int restThresholdRows)
    {
        using var folder = new TempFolder();
        var results = folder.File("results.jsonl");
        await SeedAccountAsync("A-1", "Acme");
        var first = new SingerStream().Schema("people", PeopleSchema, "person_id")
            .Record("people", new { person_id = "P-1", surname = "Lovelace" })
            .Record("people", new { person_id = "P-2", surname = "Hopper", company_ref = "A-1" });
        Assert.That((await RunTargetAsync(first, PeopleConfig(restThresholdRows, new { results_file = results }))).ExitCode, Is.Zero);

        var second = new SingerStream().Schema("people", PeopleSchema, "person_id")
            .Record("people", new { person_id = "P-3", surname = "Turing" });
        var failedLine = second.NextLine;
        second.Record("people", new { person_id = "P-4", surname = "Noether", company_ref = "NO-SUCH-ACCOUNT" })
            .Record("people", new { person_id = "P-1", surname = "Lovelace-King" })
            .State(new { bookmark = 3 });
        var run = await RunTargetAsync(second, PeopleConfig(restThresholdRows, new { results_file = results, allow_failures = true }));

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Stderr, Does.Contain($"line {failedLine}"), "the failed record is reported by its line");
        var lines = (await File.ReadAllLinesAsync(results)).Select(JObject.Parse).ToList();
        var stored = (await Org.QueryAsync("SELECT Id, External_Id__c FROM Contact")).ToDictionary(r => (string)r["External_Id__c"]!, r => (string)r["Id"]!);
        Assert.That(lines.Select(l => ((string?)l["key"]!["person_id"], (long)l["line"]!, (bool)l["created"]!)), Is.EqualTo(new[]
        {
            ("P-1", 2L, true), ("P-2", 3L, true),
            ("P-3", 2L, true), ("P-1", 4L, false),
        }));
        Assert.That(lines.Select(l => (string?)l["id"]), Is.EqualTo(new[] { stored["P-1"], stored["P-2"], stored["P-3"], stored["P-1"] }));
        Assert.That(lines.Select(l => ((string)l["id"]!).Length), Is.All.EqualTo(18));
        Assert.That(lines.Select(l => (string?)l["stream"]), Is.All.EqualTo("people"));
    }

    [Test]
    public async Task A_streams_assignment_rule_is_set_on_its_bulk_job()
    {
        var leads = new SingerStream()
            .Schema("leads", SingerStream.ObjectSchema(new Dictionary<string, string> { ["LastName"] = "string", ["Company"] = "string" }))
            .Record("leads", new { LastName = "Ng", Company = "Acme" });
        var contacts = new SingerStream()
            .Schema("Contact", SingerStream.ObjectSchema(new Dictionary<string, string> { ["LastName"] = "string" }))
            .Record("Contact", new { LastName = "Ng" });

        var withRule = await RunTargetAsync(leads, new { streams = new { leads = new { @object = "Lead", assignment_rule_id = "01Q000000000001" } } });
        var without = await RunTargetAsync(contacts);

        Assert.That(withRule.ExitCode, Is.Zero, withRule.ToString);
        Assert.That(without.ExitCode, Is.Zero, without.ToString);
        var jobs = await Org.IngestJobsAsync();
        var lead = await Org.IngestJobAsync(jobs.Single(j => j.Object == "Lead").Id);
        var contact = await Org.IngestJobAsync(jobs.Single(j => j.Object == "Contact").Id);
        Assert.That(((string?)lead["assignmentRuleId"])?[..15], Is.EqualTo("01Q000000000001"));
        Assert.That(contact["assignmentRuleId"], Is.Null);
        Assert.That(await Org.CountAsync("Lead", "LastName = 'Ng'"), Is.EqualTo(1));
    }
}

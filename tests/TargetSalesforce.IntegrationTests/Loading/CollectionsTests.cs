using Newtonsoft.Json.Linq;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Loading;

/// <summary>
/// Small loads through sObject Collections, end to end: the same records give the org the same rows as through
/// Bulk, a record Salesforce refuses is reported by its line, and a stream whose flushes fall on both sides of
/// `rest_threshold_rows` keeps the last record of each key.
/// </summary>
internal sealed class CollectionsTests : EmulatorTestBase
{
    private static readonly JObject ContactSchema = JObject.Parse("""
        {"type":"object","properties":{
          "Id":{"type":["string","null"]},
          "External_Id__c":{"type":["string","null"]},
          "FirstName":{"type":["string","null"]},
          "LastName":{"type":["string","null"]},
          "Email":{"type":["string","null"]},
          "Phone":{"type":["string","null"]},
          "Birthdate":{"type":["string","null"]},
          "HasOptedOutOfEmail":{"type":["boolean","integer","string","null"]},
          "Description":{"type":["string","null"]},
          "Account":{"type":["object","null"],"properties":{"External_Id__c":{"type":"string"}}}}}
        """);

    [TestCase("insert")]
    [TestCase("update")]
    [TestCase("upsert")]
    [TestCase("delete")]
    public async Task Each_action_stores_the_same_rows_through_collections_as_through_bulk(string action)
    {
        var (viaBulk, bulkRoutes) = await LoadAndReadAsync(action, restThresholdRows: 0);
        await ResetOrgAsync();
        var (viaRest, restRoutes) = await LoadAndReadAsync(action, restThresholdRows: 2000);

        Assert.That(viaRest, Is.EqualTo(viaBulk));
        Assert.That(bulkRoutes.Collections, Is.Zero);
        Assert.That(bulkRoutes.Jobs, Is.GreaterThan(0));
        Assert.That(restRoutes.Collections, Is.EqualTo(1), "one call carries the action's few records");
        Assert.That(restRoutes.Jobs, Is.Zero, "no Bulk job for a small load");
    }

    /// <summary>Seeds two accounts and four contacts by Bulk, runs <paramref name="action"/> on Contact, and reads every contact back.</summary>
    private async Task<(List<string> Rows, (long Collections, long Jobs) Routes)> LoadAndReadAsync(string action, int restThresholdRows)
    {
        var seed = new SingerStream()
            .Schema("Account", SingerStream.ObjectSchema(new Dictionary<string, string> { ["External_Id__c"] = "string", ["Name"] = "string" }))
            .Record("Account", new { External_Id__c = "A-1", Name = "Acme" })
            .Record("Account", new { External_Id__c = "A-2", Name = "Globex" })
            .Schema("Contact", ContactSchema);
        foreach (var i in new[] { 1, 2, 3, 4 })
        {
            seed.Record("Contact", new
            {
                External_Id__c = $"C-{i}", FirstName = $"First{i}", LastName = $"Last{i}", Email = $"c{i}@example.org", Phone = $"555-000{i}",
                Birthdate = $"1980-0{i}-1{i}", HasOptedOutOfEmail = i % 2 == 0, Account = new { External_Id__c = "A-1" },
            });
        }

        var seeded = await RunTargetAsync(seed, new { action = "upsert", external_id_name = "External_Id__c", max_parallel_jobs = 1 });
        Assert.That(seeded.ExitCode, Is.Zero, seeded.ToString);
        var ids = (await Org.QueryAsync("SELECT Id, External_Id__c FROM Contact")).ToDictionary(r => r["External_Id__c"]!.ToString(), r => r["Id"]!.ToString());
        var before = await RouteCountsAsync();

        var input = new SingerStream().Schema("Contact", ContactSchema);
        switch (action)
        {
            case "insert":
                input.Record("Contact", """{"External_Id__c":"C-5","LastName":"Lee, \"Jr\"","Email":null,"Birthdate":"1990-05-17T22:30:00-05:00","HasOptedOutOfEmail":1,"Account":{"External_Id__c":"A-2"}}""")
                    .Record("Contact", """{"External_Id__c":"C-6","LastName":"Two\nLines","HasOptedOutOfEmail":"false","Description":"a, b; \"c\""}""");
                break;
            case "update":
                input.Record("Contact", $$"""{"Id":"{{ids["C-1"]}}","FirstName":"Renamed","Email":null,"Account":{"External_Id__c":"A-2"},"HasOptedOutOfEmail":true}""")
                    .Record("Contact", $$"""{"Id":"{{ids["C-2"]}}","Phone":null,"Account":null,"Birthdate":"2001-12-31"}""");
                break;
            case "upsert":
                input.Record("Contact", """{"External_Id__c":"C-2","LastName":"Upserted","Phone":null,"Account":null}""")
                    .Record("Contact", """{"External_Id__c":"C-9","LastName":"New","Account":{"External_Id__c":"A-2"},"HasOptedOutOfEmail":"true"}""");
                break;
            case "delete":
                input.Record("Contact", new { Id = ids["C-1"] }).Record("Contact", new { Id = ids["C-3"] });
                break;
        }

        var result = await RunTargetAsync(input, new { action, external_id_name = "External_Id__c", rest_threshold_rows = restThresholdRows });
        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var after = await RouteCountsAsync();

        var accounts = (await Org.QueryAsync("SELECT Id, External_Id__c FROM Account")).ToDictionary(r => r["Id"]!.ToString(), r => r["External_Id__c"]!.ToString());
        var rows = (await Org.QueryAsync("SELECT External_Id__c, FirstName, LastName, Email, Phone, Birthdate, HasOptedOutOfEmail, Description, AccountId FROM Contact"))
            .Cast<JObject>()
            .Select(r => string.Join("|",
                r["External_Id__c"], r["FirstName"], r["LastName"], r["Email"], r["Phone"], r["Birthdate"], r["HasOptedOutOfEmail"], r["Description"],
                r["AccountId"] is { Type: JTokenType.String } account ? accounts[account.ToString()] : "no account"))
            .Order(StringComparer.Ordinal)
            .ToList();
        return (rows, (after.Collections - before.Collections, after.Jobs - before.Jobs));
    }

    [Test]
    public async Task A_record_salesforce_refuses_in_a_collections_call_halts_the_run_at_its_line_without_allow_failures()
    {
        var (input, badLine) = ThreeContactsOneBad();

        var result = await RunTargetAsync(input, new { action = "insert", allow_failures = false, max_parallel_jobs = 1, rest_threshold_rows = 2000, batch_size_rows = 2 });

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.Stderr, Does.Contain("REQUIRED_FIELD_MISSING").And.Contain($"line {badLine}"));
        Assert.That(result.StdoutLines, Has.None.Contains("\"position\":2").And.None.Contains("\"position\":3"), "no state past the failed record");
        Assert.That((await RouteCountsAsync()).Jobs, Is.Zero);
        Assert.That((await Org.QueryAsync("SELECT External_Id__c FROM Contact")).Select(r => r["External_Id__c"]!.ToString()), Is.EqualTo(new[] { "C-1" }),
            "the call's other record committed; the third record was never sent");
    }

    [Test]
    public async Task A_record_salesforce_refuses_in_a_collections_call_goes_to_the_reject_file_by_its_line_with_allow_failures()
    {
        var rejectFile = Path.Combine(Path.GetTempPath(), $"rejects-{Guid.NewGuid():N}.jsonl");
        var (input, badLine) = ThreeContactsOneBad();
        try
        {
            var result = await RunTargetAsync(input, new { action = "insert", allow_failures = true, reject_file = rejectFile, rest_threshold_rows = 2000 });

            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            Assert.That((await Org.QueryAsync("SELECT External_Id__c FROM Contact ORDER BY External_Id__c")).Select(r => r["External_Id__c"]!.ToString()),
                Is.EqualTo(new[] { "C-1", "C-3" }));
            Assert.That(result.StdoutLines[^1], Is.EqualTo("""{"position":3}"""));
            var rejects = (await File.ReadAllLinesAsync(rejectFile)).Select(JObject.Parse).ToList();
            Assert.That(rejects, Has.Count.EqualTo(1));
            Assert.That(rejects[0]["line"]!.Value<int>(), Is.EqualTo(badLine));
            Assert.That(rejects[0]["error_code"]!.ToString(), Is.EqualTo("REQUIRED_FIELD_MISSING"));
            Assert.That(rejects[0]["record"]!["External_Id__c"]!.ToString(), Is.EqualTo("C-2"));
            Assert.That(result.Stderr, Does.Contain("Completed: 3 records read, 2 committed, 0 superseded, 1 failed, 0 not reached"));
            Assert.That(result.Stderr, Does.Contain("Routes: 3 records sent by REST (sObject Collections, 1 calls), 0 by Bulk API 2.0 (0 jobs)"));
            Assert.That((await RouteCountsAsync()).Jobs, Is.Zero);
        }
        finally
        {
            File.Delete(rejectFile);
        }
    }

    [Test]
    public async Task A_stream_whose_flushes_cross_the_threshold_switches_routes_and_keeps_the_last_record_of_each_key()
    {
        // 1 KB flushes: long records make flushes of 2 or 3 rows (REST, at most 3), short ones of 6 rows (Bulk).
        var input = new SingerStream().Schema("Contact", ContactSchema);
        var last = new Dictionary<string, string>();
        for (var round = 0; round < 6; round++)
        {
            var padding = round % 2 == 0 ? new string('x', 400) : string.Empty;
            for (var key = 1; key <= 6; key++)
            {
                var name = $"R{round}K{key}";
                input.Record("Contact", new { External_Id__c = $"C-{key}", LastName = name, Description = padding });
                last[$"C-{key}"] = name;
            }

            input.State(new { round });
        }

        var result = await RunTargetAsync(input, new
        {
            action = "upsert", external_id_name = "External_Id__c", rest_threshold_rows = 3, batch_size_rows = 6, batch_size_bytes = 1024, max_parallel_jobs = 4,
        });

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var routes = await RouteCountsAsync();
        Assert.That(routes.Collections, Is.GreaterThan(0), "the long records went by REST");
        Assert.That(routes.Jobs, Is.GreaterThan(0), "the short records went by Bulk");
        var rows = (await Org.QueryAsync("SELECT External_Id__c, LastName FROM Contact")).ToDictionary(r => r["External_Id__c"]!.ToString(), r => r["LastName"]!.ToString());
        Assert.That(rows, Is.EquivalentTo(last));
        Assert.That(result.StdoutLines[^1], Is.EqualTo("""{"round":5}"""));
        Assert.That(result.Stderr, Does.Contain("Completed: 36 records read, 36 committed, 0 superseded, 0 failed, 0 not reached"));
    }

    private static (SingerStream Input, int BadLine) ThreeContactsOneBad()
    {
        // LastName is required by the org but not by this schema, so the org is what refuses the record.
        var input = new SingerStream().Schema("Contact", ContactSchema)
            .Record("Contact", new { External_Id__c = "C-1", LastName = "Lovelace" })
            .State(new { position = 1 });
        var badLine = input.NextLine;
        input.Record("Contact", new { External_Id__c = "C-2", FirstName = "Nameless" })
            .State(new { position = 2 })
            .Record("Contact", new { External_Id__c = "C-3", LastName = "Hopper" })
            .State(new { position = 3 });
        return (input, badLine);
    }

    /// <summary>sObject Collections calls and Bulk jobs created so far, as the emulator counted them.</summary>
    private async Task<(long Collections, long Jobs)> RouteCountsAsync()
    {
        var byRoute = (JObject)(await Org.StatsAsync())["requests"]!["byRoute"]!;
        var collections = byRoute.Properties().Where(p => p.Name.Contains("/composite/sobjects", StringComparison.Ordinal)).Sum(p => (long)p.Value);
        var jobs = byRoute.Properties().Where(p => p.Name.StartsWith("POST ", StringComparison.Ordinal) && p.Name.TrimEnd('/').EndsWith("/jobs/ingest", StringComparison.Ordinal)).Sum(p => (long)p.Value);
        return (collections, jobs);
    }
}

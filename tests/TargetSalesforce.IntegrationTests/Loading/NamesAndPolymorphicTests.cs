using Newtonsoft.Json.Linq;
using SalesforceEmulator;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Loading;

/// <summary>
/// Record types and owners named by name, and polymorphic lookups, end to end: the built target against an emulator
/// whose org is the default one plus an External ID on Opportunity and a second active user sharing sales@example.com.
/// The org's request counts prove one query per distinct set of names per run; every failure is reported by its line.
/// </summary>
internal sealed class NamesAndPolymorphicTests : EmulatorTestBase
{
    private const string QueryRoute = "GET /services/data/{version}/query";

    private static readonly JObject AccountSchema = JObject.Parse("""
        {"type":"object","properties":{
          "External_Id__c":{"type":["string","null"]},
          "Name":{"type":["string","null"]},
          "kind":{"type":["string","null"]},
          "owner_email":{"type":["string","null"]},
          "Owner":{"type":["object","null"]}}}
        """);

    private static readonly JObject OpportunitySchema = SingerStream.ObjectSchema(new Dictionary<string, string>
    {
        ["External_Id__c"] = "string", ["Name"] = "string", ["StageName"] = "string", ["CloseDate"] = "date",
    });

    private static readonly JObject TaskSchema = JObject.Parse("""
        {"type":"object","properties":{
          "Subject":{"type":["string","null"]},
          "account_ref":{"type":["string","null"]},
          "What":{"type":["object","null"]}}}
        """);

    private static readonly object Streams = new
    {
        accounts = new
        {
            @object = "Account", action = "upsert", external_id_name = "External_Id__c",
            fields = new Dictionary<string, string> { ["kind"] = "RecordType.DeveloperName", ["owner_email"] = "Owner.Email" },
        },
        opportunities = new { @object = "Opportunity", action = "upsert", external_id_name = "External_Id__c" },
        tasks = new { @object = "Task", action = "insert", fields = new Dictionary<string, string> { ["account_ref"] = "Account:What.External_Id__c" } },
    };

    private string orgFile = null!;

    protected override EmulatorOptions CreateOptions()
    {
        orgFile = ExampleOrgFile.Write("names", org =>
        {
            var opportunityFields = (JArray)ExampleOrgFile.Object(org, "Opportunity")["fields"]!;
            if (!opportunityFields.Any(f => (string?)f["name"] == "External_Id__c"))
            {
                opportunityFields.Add(JObject.Parse("""{"name":"External_Id__c","type":"string","length":80,"externalId":true,"unique":true,"idLookup":true}"""));
            }

            ((JArray)ExampleOrgFile.Object(org, "User")["records"]!).Add(JObject.Parse("""
                {"Id":"005000000000009","Username":"sales2@emulator.local","FirstName":"Second","LastName":"Seller","Email":"sales@example.com",
                 "Alias":"sales2","CommunityNickname":"sales2","IsActive":true,"TimeZoneSidKey":"GMT","LocaleSidKey":"en_US",
                 "EmailEncodingKey":"UTF-8","LanguageLocaleKey":"en_US","ProfileId":"00e000000000002","UserType":"Standard"}
                """));
        });
        return new EmulatorOptions { OrgFile = orgFile };
    }

    [OneTimeTearDown]
    public void DeleteOrgFile() => File.Delete(orgFile);

    [Test]
    public async Task Record_types_and_owners_by_name_load_and_each_name_is_looked_up_once_for_the_whole_run()
    {
        var input = new SingerStream().Schema("accounts", AccountSchema, "External_Id__c")
            .Record("accounts", new { External_Id__c = "A-1", Name = "Acme", kind = "Partner", owner_email = "admin@example.com" })
            .Record("accounts", JObject.Parse("""{"External_Id__c":"A-2","Name":"Globex","kind":"Customer","Owner":{"Username":"sales@emulator.local"}}"""))
            .State(new { position = 2 })
            .Record("accounts", new { External_Id__c = "A-3", Name = "Initech", kind = "partner" })
            .Record("accounts", JObject.Parse("""{"External_Id__c":"A-4","Name":"Umbrella","Owner":{"Username":"SALES@emulator.local"}}"""));

        // Forty more in jobs of two rows, naming only what the first four named: no batch after them asks again.
        for (var i = 5; i <= 44; i++)
        {
            if (i % 2 == 0)
            {
                input.Record("accounts", new { External_Id__c = $"A-{i}", Name = $"Even {i}", kind = "Customer", Owner = new { Username = "sales@emulator.local" } });
            }
            else
            {
                input.Record("accounts", new { External_Id__c = $"A-{i}", Name = $"Odd {i}", kind = "Partner", owner_email = "admin@example.com" });
            }
        }

        input.State(new { position = 44 });

        var result = await RunTargetAsync(input, new { streams = Streams, batch_size_rows = 2 });
        var stats = await Org.StatsAsync();
        var queries = (long?)stats["requests"]!["byRoute"]![QueryRoute] ?? 0;
        var jobs = (long?)stats["jobs"]!["JobComplete"] ?? 0;

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(jobs, Is.GreaterThanOrEqualTo(22), "jobs of at most two rows");
        // Four names in three sets (record types of Account; users by Email; users by Username): a set's names are asked
        // for together when one batch brings them, so three queries, or four when Partner and Customer first come in different batches.
        Assert.That(queries, Is.InRange(3, 4), "never a query per record or per batch");
        var accounts = await Org.QueryAsync("SELECT External_Id__c, RecordType.DeveloperName, Owner.Username FROM Account WHERE External_Id__c IN ('A-1','A-2','A-3','A-4','A-43','A-44') ORDER BY Name");
        Assert.That(accounts.Select(a => $"{a["External_Id__c"]} {Parent(a, "RecordType", "DeveloperName")} {Parent(a, "Owner", "Username")}"), Is.EqualTo(new[]
        {
            "A-1 Partner admin@emulator.local",
            "A-44 Customer sales@emulator.local",
            "A-2 Customer sales@emulator.local",
            "A-3 Partner admin@emulator.local",
            "A-43 Partner admin@emulator.local",
            "A-4  sales@emulator.local",
        }), "A-3 names no owner (the running user owns it); A-4 no record type");
        Assert.That(result.StdoutLines[^1], Is.EqualTo("""{"position":44}"""));
    }

    /// <summary>A parent's field in a query's answer (`"RecordType": {"DeveloperName": …}`), empty when the lookup is null.</summary>
    private static string Parent(JToken record, string relationship, string field) => record[relationship] is JObject parent ? (string?)parent[field] ?? "" : "";

    [TestCase(0, TestName = "Tasks_whose_What_names_an_Account_or_an_Opportunity_by_external_id_by_Bulk")]
    [TestCase(2000, TestName = "Tasks_whose_What_names_an_Account_or_an_Opportunity_by_external_id_by_REST")]
    public async Task Tasks_point_to_the_parent_each_record_types(int restThresholdRows)
    {
        var input = new SingerStream()
            .Schema("accounts", AccountSchema, "External_Id__c")
            .Record("accounts", new { External_Id__c = "A-1", Name = "Acme" })
            .Schema("opportunities", OpportunitySchema, "External_Id__c")
            .Record("opportunities", new { External_Id__c = "O-1", Name = "Big deal", StageName = "Prospecting", CloseDate = "2027-01-31" })
            .Schema("tasks", TaskSchema)
            .Record("tasks", JObject.Parse("""{"Subject":"Call","What":{"type":"Account","External_Id__c":"A-1"}}"""))
            .Record("tasks", JObject.Parse("""{"Subject":"Demo","What":{"type":"Opportunity","External_Id__c":"O-1"}}"""))
            .Record("tasks", new { Subject = "Mapped", account_ref = "A-1" })
            .State(new { position = 3 });

        var result = await RunTargetAsync(input, new { streams = Streams, rest_threshold_rows = restThresholdRows });

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var account = (string)(await Org.FindAsync("Account", "Id", "External_Id__c = 'A-1'"))!["Id"]!;
        var opportunity = (string)(await Org.FindAsync("Opportunity", "Id", "External_Id__c = 'O-1'"))!["Id"]!;
        var tasks = await Org.QueryAsync("SELECT Subject, WhatId FROM Task ORDER BY Subject");
        Assert.That(tasks.Select(t => $"{t["Subject"]} {t["WhatId"]}"), Is.EqualTo(new[]
        {
            $"Call {account}", $"Demo {opportunity}", $"Mapped {account}",
        }));
    }

    [Test]
    public async Task An_unknown_name_an_email_two_users_share_and_a_type_the_lookup_cannot_point_to_fail_their_records_by_line()
    {
        var rejectFile = Path.Combine(Path.GetTempPath(), $"rejects-{Guid.NewGuid():N}.jsonl");
        var input = new SingerStream().Schema("accounts", AccountSchema, "External_Id__c")
            .Record("accounts", new { External_Id__c = "A-1", Name = "Acme", kind = "Partner" });
        var unknownLine = input.NextLine;
        input.Record("accounts", new { External_Id__c = "A-2", Name = "Globex", kind = "Partnr" });
        var sharedLine = input.NextLine;
        input.Record("accounts", new { External_Id__c = "A-3", Name = "Initech", owner_email = "sales@example.com" })
            .Schema("tasks", TaskSchema)
            .Record("tasks", JObject.Parse("""{"Subject":"Call","What":{"type":"Account","External_Id__c":"A-1"}}"""));
        var wrongTypeLine = input.NextLine;
        input.Record("tasks", JObject.Parse("""{"Subject":"Lunch","What":{"type":"Contact","Email":"someone@example.com"}}"""))
            .State(new { position = 5 });

        try
        {
            var result = await RunTargetAsync(input, new { streams = Streams, allow_failures = true, reject_file = rejectFile });

            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            var rejects = (await File.ReadAllLinesAsync(rejectFile)).Select(JObject.Parse).OrderBy(r => (int)r["line"]!).ToList();
            Assert.That(rejects.Select(r => ((int)r["line"]!, (string)r["error_code"]!)), Is.EqualTo(new[]
            {
                (unknownLine, "REFERENCE_NOT_FOUND"), (sharedLine, "AMBIGUOUS_REFERENCE"), (wrongTypeLine, "INVALID_REFERENCE_TYPE"),
            }));
            Assert.That((string)rejects[0]["message"]!, Does.Contain("no record type of Account has DeveloperName 'Partnr'"));
            Assert.That((string)rejects[1]["message"]!, Does.Contain("2 active users have Email 'sales@example.com'"));
            Assert.That((string)rejects[2]["message"]!, Does.Contain("names a Contact, and Task.WhatId can point to Account"));
            Assert.That(result.Stderr, Does.Contain($"line {unknownLine}").And.Contain($"line {sharedLine}").And.Contain($"line {wrongTypeLine}"));
            Assert.That((await Org.QueryAsync("SELECT External_Id__c FROM Account")).Select(a => (string)a["External_Id__c"]!), Is.EqualTo(new[] { "A-1" }));
            Assert.That(await Org.CountAsync("Task"), Is.EqualTo(1));
            Assert.That(result.StdoutLines[^1], Is.EqualTo("""{"position":5}"""));
        }
        finally
        {
            File.Delete(rejectFile);
        }
    }

    [Test]
    public async Task Without_allow_failures_an_unknown_name_halts_the_run_after_what_came_before_with_no_state_past_it()
    {
        var input = new SingerStream().Schema("accounts", AccountSchema, "External_Id__c")
            .Record("accounts", new { External_Id__c = "A-1", Name = "Acme", kind = "Partner" })
            .State(new { position = 1 });
        var badLine = input.NextLine;
        input.Record("accounts", new { External_Id__c = "A-2", Name = "Globex", kind = "Reseller" })
            .State(new { position = 2 })
            .Record("accounts", new { External_Id__c = "A-3", Name = "Initech", kind = "Customer" })
            .State(new { position = 3 });

        var result = await RunTargetAsync(input, new { streams = Streams, batch_size_rows = 1, max_parallel_jobs = 1 });

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.Stderr, Does.Contain($"line {badLine}").And.Contain("REFERENCE_NOT_FOUND").And.Contain("'Reseller'"));
        Assert.That(result.StdoutLines, Does.Contain("""{"position":1}"""));
        Assert.That(result.StdoutLines, Has.None.Contains("\"position\":2").And.None.Contains("\"position\":3"), "no state past the failed record");
        Assert.That(await Org.FindAsync("Account", "Id", "External_Id__c = 'A-1'"), Is.Not.Null, "what came before is committed");
    }
}

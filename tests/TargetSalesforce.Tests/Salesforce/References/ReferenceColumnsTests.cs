using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading.Buffering;
using TargetSalesforce.Salesforce;
using TargetSalesforce.Salesforce.Csv;
using TargetSalesforce.Salesforce.References;
using TargetSalesforce.Singer;
using TargetSalesforce.Tests.Salesforce.Bulk;

namespace TargetSalesforce.Tests.Salesforce.References;

/// <summary>
/// Record types, owners and queues named by name, and polymorphic lookups, through the whole client over MockHttp: what
/// the REST query resource is asked (and how often), what Bulk API and sObject Collections receive, and which records fail.
/// </summary>
public partial class ReferenceColumnsTests
{
    private static readonly string AccountDescribe = FieldSpec.Describe("Account",
        FieldSpec.Id,
        new FieldSpec("Name", Nillable: false),
        new FieldSpec("External_Id__c", ExternalId: true),
        new FieldSpec("Site"),
        new FieldSpec("RecordTypeId", "reference", RelationshipName: "RecordType", ReferenceTo: ["RecordType"]),
        new FieldSpec("OwnerId", "reference", Nillable: false, DefaultedOnCreate: true, RelationshipName: "Owner", ReferenceTo: ["User"]));

    private static readonly string OpportunityDescribe = FieldSpec.Describe("Opportunity",
        FieldSpec.Id, new FieldSpec("Name", Nillable: false), new FieldSpec("External_Id__c", ExternalId: true), new FieldSpec("Description"));

    private static readonly string TaskDescribe = FieldSpec.Describe("Task",
        FieldSpec.Id,
        new FieldSpec("Subject"),
        new FieldSpec("External_Id__c", ExternalId: true),
        new FieldSpec("WhatId", "reference", RelationshipName: "What", ReferenceTo: ["Account", "Opportunity"]),
        new FieldSpec("OwnerId", "reference", Nillable: false, DefaultedOnCreate: true, RelationshipName: "Owner", ReferenceTo: ["Group", "User"]));

    /// <summary>The org's rows the query resource answers from: (object, Id, field values).</summary>
    private static readonly (string Object, string Id, Dictionary<string, string> Fields)[] Rows =
    [
        ("RecordType", "012000000000001AAA", new() { ["DeveloperName"] = "Customer", ["SobjectType"] = "Account" }),
        ("RecordType", "012000000000002AAA", new() { ["DeveloperName"] = "Partner", ["SobjectType"] = "Account" }),
        ("RecordType", "012000000000003AAA", new() { ["DeveloperName"] = "Partner", ["SobjectType"] = "Opportunity" }),
        ("User", "005000000000001AAA", new() { ["Username"] = "admin@emulator.local", ["Email"] = "admin@example.com" }),
        ("User", "005000000000002AAA", new() { ["Username"] = "sales@emulator.local", ["Email"] = "sales@example.com" }),
        ("User", "005000000000003AAA", new() { ["Username"] = "sales2@emulator.local", ["Email"] = "sales@example.com" }),
        ("Group", "00G000000000001AAA", new() { ["DeveloperName"] = "Support_Queue" }),
    ];

    private MockHttpMessageHandler mock = null!;
    private FakeBulkApi bulk = null!;
    private ILoggerFactory loggers = null!;
    private ConcurrentQueue<string> queries = null!;
    private ConcurrentQueue<JObject> collections = null!;

    [SetUp]
    public void SetUp()
    {
        mock = new MockHttpMessageHandler();
        TestOrg.TokenEndpoint(mock);
        mock.When(HttpMethod.Get, TestOrg.Data + "/sobjects/Account/describe").Respond("application/json", AccountDescribe);
        mock.When(HttpMethod.Get, TestOrg.Data + "/sobjects/Opportunity/describe").Respond("application/json", OpportunityDescribe);
        mock.When(HttpMethod.Get, TestOrg.Data + "/sobjects/Task/describe").Respond("application/json", TaskDescribe);
        mock.When(HttpMethod.Get, TestOrg.Data + "/limits").Respond("application/json", "{}");
        queries = new ConcurrentQueue<string>();
        collections = new ConcurrentQueue<JObject>();
        mock.When(HttpMethod.Get, TestOrg.Data + "/query*").Respond(request => Query(request));
        mock.When(TestOrg.Data + "/composite/sobjects*").Respond(request =>
        {
            var body = JObject.Parse(request.Content!.ReadAsStringAsync().Result);
            collections.Enqueue(body);
            var results = new JArray(((JArray)body["records"]!).Select((_, i) => new JObject { ["id"] = $"00T00000000000{i}AAA", ["success"] = true, ["errors"] = new JArray() }));
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = TestOrg.Json(results.ToString()) };
        });
        bulk = new FakeBulkApi(mock);
        (loggers, _) = CapturingLoggerProvider.Create();
    }

    [TearDown]
    public void TearDown()
    {
        loggers.Dispose();
        mock.Dispose();
    }

    /// <summary>Answers `SELECT Id, Key FROM Object WHERE … Key IN ('a','b')` from <see cref="Rows"/>, as the REST query resource would.</summary>
    private HttpResponseMessage Query(HttpRequestMessage request)
    {
        var soql = Uri.UnescapeDataString(request.RequestUri!.Query.TrimStart('?')["q=".Length..]);
        queries.Enqueue(soql);
        var shape = QueryShape().Match(soql);
        Assert.That(shape.Success, Is.True, soql);
        var (key, objectName, where, inList) = (shape.Groups[1].Value, shape.Groups[2].Value, shape.Groups[3].Value, shape.Groups[4].Value);
        var wanted = Quoted().Matches(inList).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var sobjectType = SobjectType().Match(where) is { Success: true } type ? type.Groups[1].Value : null;
        var records = new JArray(Rows
            .Where(r => r.Object == objectName && wanted.Contains(r.Fields[key]) && (sobjectType is null || r.Fields["SobjectType"] == sobjectType))
            .Select(r => new JObject { ["attributes"] = new JObject { ["type"] = objectName }, ["Id"] = r.Id, [key] = r.Fields[key] }));
        var body = new JObject { ["totalSize"] = records.Count, ["done"] = true, ["records"] = records };
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = TestOrg.Json(body.ToString()) };
    }

    [GeneratedRegex(@"^SELECT Id, (\w+) FROM (\w+) WHERE (.*?)\1 IN \((.*)\)$")]
    private static partial Regex QueryShape();

    [GeneratedRegex(@"'((?:[^'\\]|\\.)*)'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"SobjectType = '(\w+)'")]
    private static partial Regex SobjectType();

    private SalesforceConnection Connect(int restThreshold = 0) =>
        SalesforceConnection.Create(TestOrg.OAuth, TestOrg.FastOptions with { RestThresholdRows = restThreshold }, loggers, TimeProvider.System, null, mock);

    private static Task<IObjectWriter> Open(SalesforceConnection connection, string objectName, LoadAction action, string key, params string[] properties) =>
        connection.Loader.OpenAsync(new ObjectOperation(objectName, action, key), new StreamShape("stream", properties, []), CancellationToken.None);

    private static RowBatch Batch(IObjectWriter writer, params string[] records) =>
        new(writer.Columns, records.Select(r => Encode(writer, r)).Select(e => e.IsRejected ? throw new AssertionException(e.Rejection!.Message) : e.Row).ToList());

    private static EncodedRecord Encode(IObjectWriter writer, string record) => writer.Encode(new SingerRecordView(FlatRecord.From(JObject.Parse(record))));

    private List<string> UploadedRows() =>
        bulk.Jobs.Values.OrderBy(j => j.Id, StringComparer.Ordinal).SelectMany(j => j.Csv.Split('\n').Where(l => l.Length > 0)).ToList();

    [Test]
    public async Task A_record_type_by_name_becomes_its_id_with_one_query_per_batch_for_the_names_not_seen_before()
    {
        using var connection = Connect();
        var writer = await Open(connection, "Account", LoadAction.Insert, "Id", "Name", "RecordType");

        var first = await writer.LoadAsync(Batch(writer,
            """{"Name":"A","RecordType":{"DeveloperName":"Partner"}}""",
            """{"Name":"B","RecordType":{"DeveloperName":"Customer"}}""",
            """{"Name":"C","RecordType":{"DeveloperName":"partner"}}"""), CancellationToken.None);
        var second = await writer.LoadAsync(Batch(writer,
            """{"Name":"D","RecordType":{"DeveloperName":"Customer"}}""",
            """{"Name":"E","RecordType":{"DeveloperName":"Partner"}}"""), CancellationToken.None);

        Assert.That(first.Failures, Is.Empty);
        Assert.That(second.Failures, Is.Empty);
        Assert.That(queries, Has.Count.EqualTo(1), "the second batch's names were all known");
        Assert.That(queries.Single(),
            Is.EqualTo("SELECT Id, DeveloperName FROM RecordType WHERE SobjectType = 'Account' AND DeveloperName IN ('Partner','Customer')"));
        Assert.That(UploadedRows(), Is.EqualTo(new[]
        {
            "Name,RecordTypeId", "A,012000000000002AAA", "B,012000000000001AAA", "C,012000000000002AAA",
            "Name,RecordTypeId", "D,012000000000001AAA", "E,012000000000002AAA",
        }));
    }

    [Test]
    public async Task Each_batch_asks_only_for_names_the_run_has_not_asked_for_and_a_name_found_nowhere_is_not_asked_again()
    {
        using var connection = Connect();
        var accounts = await Open(connection, "Account", LoadAction.Insert, "Id", "Name", "Owner.Username");
        var tasks = await Open(connection, "Task", LoadAction.Insert, "Id", "Subject", "Owner");

        await accounts.LoadAsync(Batch(accounts, """{"Name":"A","Owner.Username":"admin@emulator.local"}""", """{"Name":"B","Owner.Username":"ghost@emulator.local"}"""), CancellationToken.None);
        await accounts.LoadAsync(Batch(accounts, """{"Name":"C","Owner.Username":"ghost@emulator.local"}""", """{"Name":"D","Owner.Username":"sales@emulator.local"}"""), CancellationToken.None);
        await tasks.LoadAsync(Batch(tasks, """{"Subject":"S","Owner":{"Username":"ADMIN@emulator.local"}}""", """{"Subject":"T","Owner":{"Username":"sales@emulator.local"}}"""), CancellationToken.None);

        Assert.That(queries, Is.EqualTo(new[]
        {
            "SELECT Id, Username FROM User WHERE IsActive = true AND Username IN ('admin@emulator.local','ghost@emulator.local')",
            "SELECT Id, Username FROM User WHERE IsActive = true AND Username IN ('sales@emulator.local')",
        }), "users are one set for the whole run, whichever stream names them");
    }

    [Test]
    public async Task Owners_by_username_and_by_email_and_a_queue_by_name_become_owner_ids()
    {
        using var connection = Connect();
        var writer = await Open(connection, "Task", LoadAction.Insert, "Id", "Subject", "Owner");

        var outcome = await writer.LoadAsync(Batch(writer,
            """{"Subject":"by username","Owner":{"Username":"sales@emulator.local"}}""",
            """{"Subject":"by email","Owner":{"Email":"admin@example.com"}}""",
            """{"Subject":"to a queue","Owner":{"type":"Group","DeveloperName":"Support_Queue"}}""",
            """{"Subject":"nobody"}"""), CancellationToken.None);

        Assert.That(outcome.Failures, Is.Empty);
        Assert.That(UploadedRows(), Is.EqualTo(new[]
        {
            "Subject,OwnerId", "by username,005000000000002AAA", "by email,005000000000001AAA", "to a queue,00G000000000001AAA", "nobody,",
        }));
        Assert.That(queries.Order(StringComparer.Ordinal), Is.EqualTo(new[]
        {
            "SELECT Id, DeveloperName FROM Group WHERE Type = 'Queue' AND DeveloperName IN ('Support_Queue')",
            "SELECT Id, Email FROM User WHERE IsActive = true AND Email IN ('admin@example.com')",
            "SELECT Id, Username FROM User WHERE IsActive = true AND Username IN ('sales@emulator.local')",
        }));
    }

    [Test]
    public async Task A_name_that_matches_nothing_or_an_email_shared_by_active_users_fails_its_record_by_index_naming_the_value()
    {
        using var connection = Connect();
        var writer = await Open(connection, "Account", LoadAction.Insert, "Id", "Name", "RecordType.DeveloperName", "Owner.Email");

        var outcome = await writer.LoadAsync(Batch(writer,
            """{"Name":"ok","RecordType.DeveloperName":"Partner","Owner.Email":"admin@example.com"}""",
            """{"Name":"typo","RecordType.DeveloperName":"Partnr"}""",
            """{"Name":"shared","Owner.Email":"sales@example.com"}""",
            """{"Name":"ok too","RecordType":{"DeveloperName":"Customer"}}"""), CancellationToken.None);

        Assert.That(outcome.Failures, Is.EqualTo(new[]
        {
            new RowFailure(1, ReferenceResolver.NotFound, "no record type of Account has DeveloperName 'Partnr', so RecordTypeId cannot be set", "RecordTypeId"),
            new RowFailure(2, ReferenceResolver.Ambiguous,
                "2 active users have Email 'sales@example.com', so which one OwnerId should name is unknown; name the user by Username", "OwnerId"),
        }));
        Assert.That(UploadedRows(), Is.EqualTo(new[] { "Name,RecordTypeId,OwnerId", "ok,012000000000002AAA,005000000000001AAA", "ok too,012000000000001AAA," }));
    }

    [Test]
    public async Task Tasks_whose_what_names_an_account_or_an_opportunity_get_one_typed_column_per_type_each_row_filling_its_own()
    {
        using var connection = Connect();
        var writer = await Open(connection, "Task", LoadAction.Insert, "Id", "Subject", "What");

        var outcome = await writer.LoadAsync(Batch(writer,
            """{"Subject":"call","What":{"type":"Account","External_Id__c":"A-1"}}""",
            """{"Subject":"demo","What":{"type":"opportunity","external_id__c":"O-1"}}""",
            """{"Subject":"none","What":null}"""), CancellationToken.None);

        Assert.That(outcome.Failures, Is.Empty);
        Assert.That(UploadedRows(), Is.EqualTo(new[]
        {
            "Subject,Account:What.External_Id__c,Opportunity:What.External_Id__c", "call,A-1,", "demo,,O-1", "none,,",
        }));
        Assert.That(queries, Is.Empty, "Salesforce finds parents by External ID itself");
        Assert.That(writer.ParentObjects, Is.EquivalentTo(new[] { "Account", "Opportunity" }), "a Task waits for the rows of either parent read before it");
    }

    [Test]
    public async Task Rest_sends_a_polymorphic_parent_with_its_type_in_attributes()
    {
        using var connection = Connect(restThreshold: 200);
        var writer = await Open(connection, "Task", LoadAction.Insert, "Id", "Subject", "What", "Account:What.External_Id__c");

        var outcome = await writer.LoadAsync(Batch(writer,
            """{"Subject":"call","What":{"type":"Opportunity","External_Id__c":"O-1"}}""",
            """{"Subject":"flat","Account:What.External_Id__c":"A-2"}"""), CancellationToken.None);

        Assert.That(outcome.Route, Is.EqualTo(LoadRoute.Rest));
        var records = (JArray)collections.Single()["records"]!;
        Assert.That(JToken.DeepEquals(records[0], JObject.Parse(
            """{"attributes":{"type":"Task"},"Subject":"call","What":{"attributes":{"type":"Opportunity"},"External_Id__c":"O-1"}}""")), Is.True, records[0].ToString());
        Assert.That(JToken.DeepEquals(records[1], JObject.Parse(
            """{"attributes":{"type":"Task"},"Subject":"flat","What":{"attributes":{"type":"Account"},"External_Id__c":"A-2"}}""")), Is.True, records[1].ToString());
    }

    [Test]
    public async Task A_type_the_lookup_cannot_point_to_fails_the_record_when_encoded_and_is_a_config_error_when_the_schema_names_it()
    {
        using var connection = Connect();
        var writer = await Open(connection, "Task", LoadAction.Insert, "Id", "Subject", "What");

        var wrong = Encode(writer, """{"Subject":"x","What":{"type":"Contact","Email":"a@b.c"}}""");
        var untyped = Encode(writer, """{"Subject":"x","What":{"External_Id__c":"A-1"}}""");
        var flat = Encode(writer, """{"Subject":"x","What":"A-1"}""");

        Assert.That(wrong.Rejection, Is.EqualTo(new RecordRejection(RecordEncoder.WrongReferenceType,
            "field 'What' names a Contact, and Task.WhatId can point to Account, Opportunity only")));
        Assert.That(untyped.Rejection!.Message, Is.EqualTo("field 'What' (What) needs a \"type\": one of Account, Opportunity"));
        Assert.That(flat.Rejection!.Message, Does.Contain("needs an object naming the parent's \"type\" and its key field, not a JSON string"));

        var atSchema = Assert.ThrowsAsync<LoadConfigurationException>(() => Open(connection, "Task", LoadAction.Insert, "Id", "Subject", "Contact:What.Email"));
        Assert.That(atSchema!.Message, Does.Contain("'Contact:What.Email' names the type Contact, and Task.WhatId can point to Account, Opportunity only"));
        var untypedPath = Assert.ThrowsAsync<LoadConfigurationException>(() => Open(connection, "Task", LoadAction.Insert, "Id", "Subject", "What.External_Id__c"));
        Assert.That(untypedPath!.Message, Does.Contain("name the type in the property ('Account:What.External_Id__c')"));
        var notAKey = Assert.ThrowsAsync<LoadConfigurationException>(() => Open(connection, "Task", LoadAction.Insert, "Id", "Subject", "Account:What.Site"));
        Assert.That(notAKey!.Message, Does.Contain("needs Account.Site to be an External ID or idLookup field, and it is neither"));
    }

    [Test]
    public async Task A_parent_named_per_record_by_a_field_that_is_not_its_external_id_fails_that_record_when_the_batch_goes()
    {
        using var connection = Connect();
        var writer = await Open(connection, "Task", LoadAction.Insert, "Id", "Subject", "What");

        var outcome = await writer.LoadAsync(Batch(writer,
            """{"Subject":"bad","What":{"type":"Account","Site":"HQ"}}""",
            """{"Subject":"good","What":{"type":"Account","External_Id__c":"A-1"}}"""), CancellationToken.None);

        Assert.That(outcome.Failures, Is.EqualTo(new[]
        {
            new RowFailure(0, ReferenceResolver.NotAKey, "What names a Account by Site, which is neither an External ID nor an idLookup field of Account", "WhatId"),
        }));
        Assert.That(UploadedRows(), Is.EqualTo(new[] { "Subject,Account:What.External_Id__c", "good,A-1" }));
    }

    [Test]
    public async Task A_lookup_set_both_by_its_id_column_and_by_a_name_is_a_config_error()
    {
        using var connection = Connect();

        var error = Assert.ThrowsAsync<LoadConfigurationException>(() => Open(connection, "Account", LoadAction.Insert, "Id", "Name", "OwnerId", "Owner.Email"));

        Assert.That(error!.Message, Does.Contain("'OwnerId' and 'Owner' both set OwnerId"));
    }

    [Test]
    public async Task A_task_locks_the_parent_its_what_names_so_lock_aware_ordering_keeps_that_parents_rows_together()
    {
        using var connection = Connect();
        var perRecord = await Open(connection, "Task", LoadAction.Insert, "Id", "Subject", "What");
        var typed = await Open(connection, "Task", LoadAction.Insert, "Id", "Subject", "Opportunity:What.External_Id__c");
        var accounts = await Open(connection, "Account", LoadAction.Insert, "Id", "Name", "RecordType");

        Assert.That(perRecord.LocksParents, Is.True);
        Assert.That(Encode(perRecord, """{"Subject":"s","What":{"type":"Account","External_Id__c":"A-1"}}""").ParentLock, Is.EqualTo("Account.External_Id__c=A-1"));
        Assert.That(Encode(typed, """{"Subject":"s","Opportunity:What.External_Id__c":"O-1"}""").ParentLock, Is.EqualTo("Opportunity.External_Id__c=O-1"));
        Assert.That(accounts.LocksParents, Is.False, "saving an Account does not lock its record type");
    }

    [Test]
    public async Task Updates_by_an_external_id_resolve_names_before_the_rows_are_found()
    {
        using var connection = Connect();
        mock.When(HttpMethod.Post, TestOrg.Data + "/jobs/query").Respond(HttpStatusCode.BadRequest);
        var writer = await Open(connection, "Account", LoadAction.Update, "External_Id__c", "External_Id__c", "RecordType");

        var outcome = await writer.LoadAsync(Batch(writer, """{"External_Id__c":"A-1","RecordType":{"DeveloperName":"Nope"}}"""), CancellationToken.None);

        Assert.That(outcome.Failures.Single().ErrorCode, Is.EqualTo(ReferenceResolver.NotFound), "failed before any lookup by external id");
        Assert.That(bulk.Jobs, Is.Empty);
    }

    [Test]
    public async Task A_null_clears_a_nillable_lookup_and_leaves_a_non_nillable_owner_as_it_is()
    {
        using var connection = Connect();
        var writer = await Open(connection, "Task", LoadAction.Update, "Id", "Id", "Subject", "What", "Owner");

        var outcome = await writer.LoadAsync(Batch(writer,
            """{"Id":"00T000000000001AAA","Subject":"cleared","What":null,"Owner":null}""",
            """{"Id":"00T000000000002AAA","Subject":"kept","What":{"type":"Account","External_Id__c":"A-1"},"Owner":{"Email":"admin@example.com"}}"""),
            CancellationToken.None);

        Assert.That(outcome.Failures, Is.Empty);
        Assert.That(UploadedRows(), Is.EqualTo(new[]
        {
            "Id,Subject,WhatId,Account:What.External_Id__c,OwnerId",
            "00T000000000001AAA,cleared,#N/A,,",
            "00T000000000002AAA,kept,,A-1,005000000000001AAA",
        }));
    }

    [Test]
    public async Task A_queue_or_a_user_type_the_owner_cannot_be_is_a_config_error_naming_what_it_can_be()
    {
        using var connection = Connect();

        var error = Assert.ThrowsAsync<LoadConfigurationException>(() => Open(connection, "Account", LoadAction.Insert, "Id", "Name", "Group:Owner.DeveloperName"));

        Assert.That(error!.Message, Does.Contain("'Group:Owner.DeveloperName' names the type Group, and Account.OwnerId can point to User only"));
    }

    [Test]
    public void In_lists_are_split_so_each_query_stays_under_the_uri_limit()
    {
        var names = Enumerable.Range(0, 400).Select(i => $"user{i}@example.com").ToList();

        var statements = TargetSalesforce.Salesforce.Query.EscapedInLists.Build("SELECT Id, Email FROM User WHERE IsActive = true AND Email IN (", names, 2_000);

        Assert.That(statements, Has.Count.GreaterThan(1));
        Assert.That(statements.Select(s => Uri.EscapeDataString(s).Length), Is.All.LessThanOrEqualTo(2_000));
        Assert.That(statements.SelectMany(s => Quoted().Matches(s).Select(m => m.Groups[1].Value)), Is.EqualTo(names));
    }
}

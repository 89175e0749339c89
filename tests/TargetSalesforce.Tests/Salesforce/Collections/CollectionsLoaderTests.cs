using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading.Buffering;
using TargetSalesforce.Salesforce;
using TargetSalesforce.Salesforce.Collections;
using TargetSalesforce.Singer;
using TargetSalesforce.Tests.Salesforce.Bulk;

namespace TargetSalesforce.Tests.Salesforce.Collections;

/// <summary>
/// Small batches through sObject Collections, against the documented shapes: `{"allOrNone": false, "records": [...]}`
/// with `attributes.type` in, an array of `{id, success, errors: [{statusCode, message, fields}]}` out, in order.
/// </summary>
public class CollectionsLoaderTests
{
    private static readonly string ContactDescribe = FieldSpec.Describe("Contact",
        FieldSpec.Id,
        new FieldSpec("LastName", Nillable: false),
        new FieldSpec("Email", "email"),
        new FieldSpec("Age__c", "double"),
        new FieldSpec("Active__c", "boolean", Nillable: false, DefaultedOnCreate: true),
        new FieldSpec("Birthdate", "date"),
        new FieldSpec("External_Id__c", ExternalId: true),
        new FieldSpec("AccountId", "reference", RelationshipName: "Account", ReferenceTo: ["Account"]));

    private static readonly string AccountDescribe = FieldSpec.Describe("Account",
        FieldSpec.Id, new FieldSpec("Name", Nillable: false), new FieldSpec("Account_Key__c", ExternalId: true));

    private MockHttpMessageHandler mock = null!;
    private FakeBulkApi bulk = null!;
    private CapturingLoggerProvider log = null!;
    private ILoggerFactory loggers = null!;
    private ConcurrentQueue<(HttpMethod Method, string Url, JObject? Body)> calls = null!;

    /// <summary>What a call answers for the record at its position; null answers success.</summary>
    private Func<int, JObject, JObject?> failure = (_, _) => null;

    /// <summary>How the composite/sobjects route answers: <see cref="Answer"/> unless a test says otherwise.</summary>
    private Func<HttpRequestMessage, HttpResponseMessage> respond = null!;

    [SetUp]
    public void SetUp()
    {
        mock = new MockHttpMessageHandler();
        TestOrg.TokenEndpoint(mock);
        mock.When(HttpMethod.Get, TestOrg.Data + "/sobjects/Contact/describe").Respond("application/json", ContactDescribe);
        mock.When(HttpMethod.Get, TestOrg.Data + "/sobjects/Account/describe").Respond("application/json", AccountDescribe);
        mock.When(HttpMethod.Get, TestOrg.Data + "/limits").Respond("application/json", "{}");
        calls = new ConcurrentQueue<(HttpMethod, string, JObject?)>();
        failure = (_, _) => null;
        respond = Answer;
        mock.When(TestOrg.Data + "/composite/sobjects*").Respond(request => respond(request));
        bulk = new FakeBulkApi(mock);
        (loggers, log) = CapturingLoggerProvider.Create();
    }

    [TearDown]
    public void TearDown()
    {
        loggers.Dispose();
        mock.Dispose();
    }

    private HttpResponseMessage Answer(HttpRequestMessage request)
    {
        var url = request.RequestUri!.ToString();
        JObject? body = request.Content is null ? null : JObject.Parse(request.Content.ReadAsStringAsync().Result);
        calls.Enqueue((request.Method, url, body));
        var records = body is null
            ? Uri.UnescapeDataString(url.Split("ids=")[1].Split('&')[0]).Split(',').Select(id => new JObject { ["Id"] = id }).ToList()
            : ((JArray)body["records"]!).Cast<JObject>().ToList();
        var results = new JArray(records.Select((record, i) => failure(i, record) ?? new JObject
        {
            ["id"] = (string?)record["Id"] ?? $"003000000000{i:D3}AAA",
            ["success"] = true,
            ["errors"] = new JArray(),
        }));
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = TestOrg.Json(results.ToString()) };
    }

    private static JObject Failed(string code, string message, params string[] fields) => new()
    {
        ["success"] = false,
        ["errors"] = new JArray(new JObject { ["statusCode"] = code, ["message"] = message, ["fields"] = new JArray(fields) }),
    };

    private SalesforceConnection Connect(int threshold = 2000, bool readsBackIds = false) =>
        SalesforceConnection.Create(TestOrg.OAuth, TestOrg.FastOptions with { RestThresholdRows = threshold, ReadsBackIds = readsBackIds }, loggers, TimeProvider.System, null, mock);

    private static async Task<(IObjectWriter Writer, RowBatch Batch)> Prepare(SalesforceConnection connection, LoadAction action, string key, IEnumerable<string> records)
    {
        var writer = await connection.Loader.OpenAsync(new ObjectOperation("Contact", action, key),
            new StreamShape("contacts", ["Id", "LastName", "Email", "Age__c", "Active__c", "Birthdate", "External_Id__c", "Account"], []), CancellationToken.None);
        var rows = records.Select(r => writer.Encode(new SingerRecordView(FlatRecord.From(JObject.Parse(r))))).Select(e => e.Row).ToList();
        return (writer, new RowBatch(writer.Columns, rows));
    }

    private static IEnumerable<string> Names(int count) =>
        Enumerable.Range(0, count).Select(i => $$"""{"LastName":"Name{{i}}","External_Id__c":"E{{i}}","Id":"003000000000{{i:D3}}AAA"}""");

    [Test]
    public async Task An_insert_goes_in_calls_of_200_and_failures_come_back_by_their_index_in_the_batch()
    {
        using var connection = Connect();
        var (writer, batch) = await Prepare(connection, LoadAction.Insert, "Id", Enumerable.Range(0, 450).Select(i => $$"""{"LastName":"Name{{i}}"}"""));
        failure = (i, record) => (string?)record["LastName"] is "Name7" or "Name201" ? Failed("REQUIRED_FIELD_MISSING", "Required fields are missing: [LastName]", "LastName") : null;

        var outcome = await writer.LoadAsync(batch, CancellationToken.None);

        Assert.That(calls.Select(c => (c.Method.Method, c.Url)), Is.All.EqualTo(("POST", TestOrg.Data + "/composite/sobjects")));
        Assert.That(calls.Select(c => ((JArray)c.Body!["records"]!).Count).Order(), Is.EqualTo(new[] { 50, 200, 200 }));
        Assert.That(calls.Select(c => (bool)c.Body!["allOrNone"]!), Is.All.False);
        Assert.That(bulk.Jobs, Is.Empty, "no Bulk job for a small batch");
        Assert.That(outcome.Route, Is.EqualTo(LoadRoute.Rest));
        Assert.That(outcome.Calls, Is.EqualTo(3));
        Assert.That(outcome.JobIds, Is.Empty);
        Assert.That(outcome.Failures, Is.EqualTo(new[]
        {
            new RowFailure(7, "REQUIRED_FIELD_MISSING", "Required fields are missing: [LastName] (fields: LastName)"),
            new RowFailure(201, "REQUIRED_FIELD_MISSING", "Required fields are missing: [LastName] (fields: LastName)"),
        }));
        Assert.That(log.At(LogLevel.Information), Has.One.Contains("450 rows in 3 calls): 448 succeeded, 2 failed"));
    }

    [Test]
    public async Task Values_take_their_json_types_by_the_fields_describe_and_a_relationship_is_a_nested_object()
    {
        using var connection = Connect();
        var (writer, batch) = await Prepare(connection, LoadAction.Update, "Id",
        [
            """{"Id":"003000000000001AAA","LastName":"Lee, \"Jr\"","Age__c":"41.50","Active__c":1,"Birthdate":"1980-02-29T10:00:00Z","Account":{"Account_Key__c":"ACME-1"}}""",
            """{"Id":"003000000000002AAA","Email":null,"Age__c":null,"Account":null}""",
        ]);

        await writer.LoadAsync(batch, CancellationToken.None);

        var call = calls.Single();
        Assert.That(call.Method, Is.EqualTo(HttpMethod.Patch));
        Assert.That(call.Url, Is.EqualTo(TestOrg.Data + "/composite/sobjects"));
        var records = (JArray)call.Body!["records"]!;
        Assert.That(JToken.DeepEquals(records[0], JObject.Parse("""
            {"attributes":{"type":"Contact"},"Id":"003000000000001AAA","LastName":"Lee, \"Jr\"","Age__c":41.50,"Active__c":true,
             "Birthdate":"1980-02-29","Account":{"Account_Key__c":"ACME-1"}}
            """)), Is.True, records[0].ToString());
        Assert.That(JToken.DeepEquals(records[1], JObject.Parse("""
            {"attributes":{"type":"Contact"},"Id":"003000000000002AAA","Email":null,"Age__c":null,"AccountId":null}
            """)), Is.True, "a JSON null clears the field (the lookup field for a relationship); an absent property is left out: " + records[1]);
    }

    [Test]
    public async Task An_assignment_rule_goes_on_the_bulk_job_and_as_the_auto_assign_header_by_rest_and_none_is_false_by_rest()
    {
        var headers = new ConcurrentQueue<string>();
        respond = request =>
        {
            headers.Enqueue(request.Headers.TryGetValues("Sforce-Auto-Assign", out var values) ? string.Join(",", values) : "(none)");
            return Answer(request);
        };
        using var byRest = Connect();
        using var byBulk = Connect(threshold: 0);
        var shape = new StreamShape("contacts", ["LastName"], []);
        var rule = new ObjectOperation("Contact", LoadAction.Insert, "Id") { AssignmentRuleId = "01Q000000000001AAA" };
        var records = new[] { """{"LastName":"Ng"}""" };

        foreach (var (connection, operation) in new[] { (byRest, rule), (byRest, rule with { AssignmentRuleId = null }), (byBulk, rule), (byBulk, rule with { AssignmentRuleId = null }) })
        {
            var writer = await connection.Loader.OpenAsync(operation, shape, CancellationToken.None);
            var rows = records.Select(r => writer.Encode(new SingerRecordView(FlatRecord.From(JObject.Parse(r)))).Row).ToList();
            await writer.LoadAsync(new RowBatch(writer.Columns, rows), CancellationToken.None);
        }

        Assert.That(headers, Is.EqualTo(new[] { "01Q000000000001AAA", "FALSE" }), "REST runs the org's active rules unless told FALSE");
        var jobs = bulk.Jobs.Values.OrderBy(j => j.Id, StringComparer.Ordinal).Select(j => (string?)j.Request["assignmentRuleId"]);
        Assert.That(jobs, Is.EqualTo(new[] { "01Q000000000001AAA", null }), "a Bulk job runs a rule only when named");
    }

    [Test]
    public async Task Accepted_rows_come_back_with_their_ids_by_rest_and_by_bulk_matched_to_their_rows()
    {
        using var byRest = Connect();
        using var byBulk = Connect(threshold: 0, readsBackIds: true);
        var records = Enumerable.Range(0, 4).Select(i => $$"""{"LastName":"Name{{i}}"}""").ToList();
        failure = (i, _) => i == 2 ? Failed("REQUIRED_FIELD_MISSING", "missing") : null;
        bulk.FailedResults = job => $"\"sf__Id\",\"sf__Error\",{job.Header}\n\"\",\"REQUIRED_FIELD_MISSING:missing\",{job.DataRows[2]}\n";
        bulk.SuccessfulResults = job =>
            $"\"sf__Id\",\"sf__Created\",{job.Header}\n" +
            string.Concat(new[] { 3, 0, 1 }.Select(i => $"\"{FakeBulkApi.IdFor(job, i)}\",\"true\",{job.DataRows[i]}\n"));
        bulk.Poll = job => ("JobComplete", FakeBulkApi.Counters(4, 1));

        var (restWriter, restBatch) = await Prepare(byRest, LoadAction.Insert, "Id", records);
        var (bulkWriter, bulkBatch) = await Prepare(byBulk, LoadAction.Insert, "Id", records);
        var rest = await restWriter.LoadAsync(restBatch, CancellationToken.None);
        var loaded = await bulkWriter.LoadAsync(bulkBatch, CancellationToken.None);

        Assert.That(rest.Successes.Select(s => (s.RowIndex, s.Id, s.Created)), Is.EqualTo(new[]
        {
            (0, "003000000000000AAA", true), (1, "003000000000001AAA", true), (3, "003000000000003AAA", true),
        }));
        var job = bulk.Jobs.Values.Single();
        Assert.That(loaded.Successes.OrderBy(s => s.RowIndex).Select(s => (s.RowIndex, s.Id)), Is.EqualTo(new[]
        {
            (0, FakeBulkApi.IdFor(job, 0)), (1, FakeBulkApi.IdFor(job, 1)), (3, FakeBulkApi.IdFor(job, 3)),
        }));
        Assert.That(loaded.Failures.Single().RowIndex, Is.EqualTo(2));
    }

    [Test]
    public async Task Without_a_results_file_no_bulk_job_downloads_its_successful_results()
    {
        using var connection = Connect(threshold: 0);
        var (writer, batch) = await Prepare(connection, LoadAction.Insert, "Id", [@"{""LastName"":""Ng""}"]);
        var downloads = 0;
        bulk.SuccessfulResults = _ =>
        {
            downloads++;
            return "\"sf__Id\",\"sf__Created\"\n";
        };

        var outcome = await writer.LoadAsync(batch, CancellationToken.None);

        Assert.That(downloads, Is.Zero);
        Assert.That(outcome.Successes, Is.Empty);
    }

    [Test]
    public async Task An_upsert_by_rest_says_per_record_whether_it_was_created()
    {
        using var connection = Connect();
        respond = request =>
        {
            var body = JObject.Parse(request.Content!.ReadAsStringAsync().Result);
            var results = new JArray(((JArray)body["records"]!).Select((_, i) => new JObject
            {
                ["id"] = $"003000000000{i:D3}AAA", ["success"] = true, ["errors"] = new JArray(), ["created"] = i == 0,
            }));
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = TestOrg.Json(results.ToString()) };
        };
        var (writer, batch) = await Prepare(connection, LoadAction.Upsert, "External_Id__c", Names(2));

        var outcome = await writer.LoadAsync(batch, CancellationToken.None);

        Assert.That(outcome.Successes.Select(s => s.Created), Is.EqualTo(new[] { true, false }));
    }

    [Test]
    public async Task Upsert_patches_by_the_external_id_and_delete_names_the_ids_in_the_query()
    {
        using var connection = Connect();
        var (upserts, upsertBatch) = await Prepare(connection, LoadAction.Upsert, "External_Id__c", Names(3));
        var (deletes, deleteBatch) = await Prepare(connection, LoadAction.Delete, "Id", Names(3));
        failure = (i, _) => i == 1 ? Failed("ENTITY_IS_DELETED", "entity is deleted") : null;

        var upserted = await upserts.LoadAsync(upsertBatch, CancellationToken.None);
        var deleted = await deletes.LoadAsync(deleteBatch, CancellationToken.None);

        var sent = calls.ToList();
        Assert.That(sent[0].Method, Is.EqualTo(HttpMethod.Patch));
        Assert.That(sent[0].Url, Is.EqualTo(TestOrg.Data + "/composite/sobjects/Contact/External_Id__c"));
        Assert.That(sent[1].Method, Is.EqualTo(HttpMethod.Delete));
        Assert.That(sent[1].Url, Is.EqualTo(TestOrg.Data + "/composite/sobjects?ids=003000000000000AAA%2C003000000000001AAA%2C003000000000002AAA&allOrNone=false")
            .Or.EqualTo(TestOrg.Data + "/composite/sobjects?ids=003000000000000AAA,003000000000001AAA,003000000000002AAA&allOrNone=false"));
        Assert.That(upserted.Failures.Single().RowIndex, Is.EqualTo(1));
        Assert.That(deleted.Failures.Single(), Is.EqualTo(new RowFailure(1, "ENTITY_IS_DELETED", "entity is deleted")));
    }

    [Test]
    public async Task Hard_delete_an_upsert_on_id_a_batch_over_the_threshold_and_a_threshold_of_0_go_by_bulk()
    {
        using (var connection = Connect())
        {
            var (hard, hardBatch) = await Prepare(connection, LoadAction.HardDelete, "Id", Names(2));
            var (onId, onIdBatch) = await Prepare(connection, LoadAction.Upsert, "Id", Names(2));
            Assert.That((await hard.LoadAsync(hardBatch, CancellationToken.None)).Route, Is.EqualTo(LoadRoute.Bulk));
            Assert.That((await onId.LoadAsync(onIdBatch, CancellationToken.None)).Route, Is.EqualTo(LoadRoute.Bulk));
        }

        using (var connection = Connect(threshold: 2))
        {
            var (writer, batch) = await Prepare(connection, LoadAction.Insert, "Id", Names(3));
            Assert.That((await writer.LoadAsync(batch, CancellationToken.None)).Route, Is.EqualTo(LoadRoute.Bulk));
            var (small, smallBatch) = await Prepare(connection, LoadAction.Insert, "Id", Names(2));
            Assert.That((await small.LoadAsync(smallBatch, CancellationToken.None)).Route, Is.EqualTo(LoadRoute.Rest), "at the threshold: REST");
        }

        using (var connection = Connect(threshold: 0))
        {
            var (writer, batch) = await Prepare(connection, LoadAction.Insert, "Id", Names(1));
            Assert.That((await writer.LoadAsync(batch, CancellationToken.None)).Route, Is.EqualTo(LoadRoute.Bulk));
        }

        Assert.That(calls, Has.Count.EqualTo(1));
        Assert.That(bulk.Jobs, Has.Count.EqualTo(4));
    }

    [Test]
    public async Task An_insert_whose_answer_is_lost_is_not_sent_again_and_its_records_fail_saying_so()
    {
        var inserts = 0;
        respond = _ =>
        {
            Interlocked.Increment(ref inserts);
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = TestOrg.Json("""[{"errorCode":"SERVER_UNAVAILABLE","message":"down"}]""") };
        };
        using var connection = Connect();
        var (writer, batch) = await Prepare(connection, LoadAction.Insert, "Id", Names(3));

        var outcome = await writer.LoadAsync(batch, CancellationToken.None);

        Assert.That(inserts, Is.EqualTo(1), "an insert may have arrived: it is never repeated");
        Assert.That(outcome.Failures.Select(f => (f.RowIndex, f.ErrorCode)), Is.EqualTo(new[]
        {
            (0, CollectionsBatchLoader.OutcomeUnknown), (1, CollectionsBatchLoader.OutcomeUnknown), (2, CollectionsBatchLoader.OutcomeUnknown),
        }));
        Assert.That(outcome.Failures[0].Message, Does.Contain("may or may not have been created").And.Contain("not sent again"));
    }

    [Test]
    public async Task An_update_whose_answer_is_lost_is_sent_again_since_a_repeat_changes_nothing()
    {
        var updates = 0;
        respond = request => Interlocked.Increment(ref updates) == 1
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = TestOrg.Json("""[{"errorCode":"SERVER_UNAVAILABLE","message":"down"}]""") }
            : Answer(request);
        using var connection = Connect();
        var (writer, batch) = await Prepare(connection, LoadAction.Update, "Id", Names(2));

        var outcome = await writer.LoadAsync(batch, CancellationToken.None);

        Assert.That(updates, Is.EqualTo(2));
        Assert.That(outcome.Failures, Is.Empty);
    }

    [Test]
    public async Task An_answer_that_lists_fewer_results_than_records_fails_that_calls_records_as_of_unknown_outcome()
    {
        respond = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = TestOrg.Json("""[{"id":"003000000000001AAA","success":true,"errors":[]}]""") };
        using var connection = Connect();
        var (writer, batch) = await Prepare(connection, LoadAction.Insert, "Id", Names(2));

        var outcome = await writer.LoadAsync(batch, CancellationToken.None);

        Assert.That(outcome.Failures.Select(f => (f.RowIndex, f.ErrorCode)), Is.EqualTo(new[] { (0, CollectionsBatchLoader.OutcomeUnknown), (1, CollectionsBatchLoader.OutcomeUnknown) }));
        Assert.That(outcome.Failures[0].Message, Does.Contain("1 results for 2 records").And.Contain("may or may not have been written"));
    }

    [Test]
    public async Task A_call_refused_as_a_whole_fails_only_its_own_records_and_the_other_calls_stay_committed()
    {
        var seen = 0;
        respond = request => Interlocked.Increment(ref seen) == 2
            ? new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = TestOrg.Json("""[{"errorCode":"JSON_PARSER_ERROR","message":"Unexpected character"}]""") }
            : Answer(request);
        using var connection = Connect();
        var (writer, batch) = await Prepare(connection, LoadAction.Insert, "Id", Names(450));

        var outcome = await writer.LoadAsync(batch, CancellationToken.None);

        Assert.That(seen, Is.EqualTo(3), "every call went, none twice");
        var failed = outcome.Failures.Select(f => f.RowIndex).ToList();
        Assert.That(failed, Has.Count.EqualTo(failed.Count == 50 ? 50 : 200), "exactly one call's records failed");
        Assert.That(failed, Is.Ordered.And.Unique);
        Assert.That(failed[^1] - failed[0], Is.EqualTo(failed.Count - 1), "the records of one call, side by side");
        Assert.That(outcome.Failures.Select(f => f.ErrorCode), Is.All.EqualTo("JSON_PARSER_ERROR"));
        Assert.That(outcome.Failures[0].Message, Does.Contain("refused").And.Contain("Unexpected character"));
    }
}

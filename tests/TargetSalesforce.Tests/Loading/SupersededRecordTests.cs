using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading;
using TargetSalesforce.Tests.Support;

namespace TargetSalesforce.Tests.Loading;

/// <summary>
/// Several records of one key. With allow_failures, only the last of a key in a job is sent: the earlier ones are
/// superseded when it commits; when it fails, the latest earlier one goes in a follow-up job and the failed one
/// again after it. Without, every record goes, each in a job after the one before it of its key. Either way the
/// org and the reject file end as a record-by-record load would leave them, and each record is told as what
/// happened to it.
/// </summary>
public class SupersededRecordTests
{
    private const string Missing = "Required fields are missing: [Name]";

    private static readonly string Schema = Lines.Schema("contacts", ["Ext__c"], ("Ext__c", "string"), ("Name", "string"));

    // Line 1 is the schema, so the n-th record line below is input line n + 1 (states add lines too).
    private static string Valid(string key, string name) => Lines.Record("contacts", new { Ext__c = key, Name = name });

    private static string Invalid(string key) => Lines.Record("contacts", new { Ext__c = key });

    /// <summary>An org that refuses a record without Name, as Salesforce does a required field.</summary>
    private static InMemoryObjectLoader Org(bool holdLoads = false) => new()
    {
        HoldLoads = holdLoads,
        FailRow = (record, _) => record["Name"] is null ? new RowFailure(0, "REQUIRED_FIELD_MISSING", Missing) : null,
    };

    private sealed class Run : IDisposable
    {
        public Run(bool allowFailures, InMemoryObjectLoader? loader = null, int lockRetryAttempts = 3)
        {
            Pipeline = new PipelineRun(
                PipelineRun.Config(LoadAction.Upsert, allowFailures: allowFailures, externalIdName: "Ext__c", rejectFile: RejectFile, maxParallelJobs: 1, lockRetryAttempts: lockRetryAttempts),
                loader ?? Org());
        }

        public string RejectFile { get; } = Path.Combine(Path.GetTempPath(), $"superseded-{Guid.NewGuid():N}.jsonl");

        public PipelineRun Pipeline { get; }

        public IReadOnlyDictionary<string, JObject> Rows => Pipeline.Loader.Org.RowsOf("contacts");

        public List<(long Line, string Code, string Message, JObject Record)> Rejects =>
            File.Exists(RejectFile)
                ? File.ReadAllLines(RejectFile).Select(JObject.Parse)
                    .Select(r => ((long)r["line"]!, (string)r["error_code"]!, (string)r["message"]!, (JObject)r["record"]!)).ToList()
                : [];

        public IEnumerable<string> Sent => Pipeline.Loader.Batches.Select(b => string.Join(",", b.Records.Select(r => (string?)r["Name"] ?? "-")));

        public void Dispose() => File.Delete(RejectFile);
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task A_valid_record_then_an_invalid_one_of_its_key_leaves_the_valid_one_in_the_org_and_only_the_invalid_one_rejected(bool allowFailures)
    {
        using var run = new Run(allowFailures);

        var result = await run.Pipeline.RunAsync(
            Schema, Valid("K", "first"), Lines.State(new { at = 1 }), Invalid("K"), Lines.State(new { at = 2 }), Valid("L", "other"));

        Assert.That(run.Sent, Is.EqualTo(allowFailures
            ? new[] { "-,other", "first", "-" } // the surviving record, the earlier one in a follow-up job, the failed one again
            : new[] { "first,other", "-" }), // every record, the repeat in the job after
            "the jobs sent");
        Assert.That((string?)run.Rows["K"]["Name"], Is.EqualTo("first"), "as a record-by-record load leaves it");
        Assert.That(run.Rejects.Select(r => (r.Line, r.Code, r.Message)), Is.EqualTo(new[] { (4L, "REQUIRED_FIELD_MISSING", Missing) }));
        Assert.That(run.Rejects[0].Record["Name"], Is.Null, "the reject line holds its own record");
        Assert.That(result.Summary.RecordsCommitted, Is.EqualTo(2));
        Assert.That(result.Summary.RecordsSuperseded, Is.Zero);
        Assert.That(result.Summary.RecordsFailed, Is.EqualTo(1));
        Assert.That(result.Summary.RecordsNotReached, Is.Zero);
        if (allowFailures)
        {
            Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Completed));
            Assert.That(run.Pipeline.States.States[^1], Is.EqualTo("{\"at\":2}"));
        }
        else
        {
            Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Halted));
            Assert.That(result.Reason, Does.Contain("line 4").And.Contain("REQUIRED_FIELD_MISSING"));
            Assert.That(run.Pipeline.States.States, Is.EqualTo(new[] { "{\"at\":1}" }), "the state before the failed record, none after it");
        }
    }

    [Test]
    public async Task With_allow_failures_an_invalid_record_then_a_valid_one_of_its_key_is_superseded_not_committed()
    {
        using var run = new Run(allowFailures: true);

        var result = await run.Pipeline.RunAsync(Schema, Invalid("K"), Lines.State(new { at = 1 }), Valid("K", "second"), Lines.State(new { at = 2 }));

        // Never sent, so never judged: it is superseded, whatever Salesforce would have said of it.
        Assert.That(run.Sent, Is.EqualTo(new[] { "second" }));
        Assert.That((string?)run.Rows["K"]["Name"], Is.EqualTo("second"));
        Assert.That(run.Rejects, Is.Empty);
        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Completed));
        Assert.That(result.Summary.RecordsCommitted, Is.EqualTo(1));
        Assert.That(result.Summary.RecordsSuperseded, Is.EqualTo(1));
        Assert.That(result.Summary.RecordsFailed, Is.Zero);
        Assert.That(run.Pipeline.States.States[^1], Is.EqualTo("{\"at\":2}"));
    }

    [Test]
    public async Task Without_allow_failures_an_invalid_record_then_a_valid_one_of_its_key_halts_the_run_at_the_invalid_one()
    {
        using var run = new Run(allowFailures: false);

        var result = await run.Pipeline.RunAsync(Schema, Invalid("K"), Lines.State(new { at = 1 }), Valid("K", "second"), Lines.State(new { at = 2 }));

        // Record by record, Salesforce refuses the first and the run stops there: the later record is never sent.
        Assert.That(run.Sent, Is.EqualTo(new[] { "-" }));
        Assert.That(run.Rows, Is.Empty);
        Assert.That(run.Rejects.Select(r => (r.Line, r.Code)), Is.EqualTo(new[] { (2L, "REQUIRED_FIELD_MISSING") }));
        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Halted));
        Assert.That(result.Reason, Does.Contain("line 2"));
        Assert.That(result.Summary.RecordsFailed, Is.EqualTo(1));
        Assert.That(result.Summary.RecordsSuperseded, Is.Zero);
        Assert.That(result.Summary.RecordsNotReached, Is.EqualTo(1));
        Assert.That(run.Pipeline.States.States, Is.Empty, "no state lies past the refused record");
    }

    [Test]
    public async Task A_record_that_fails_before_loading_is_rejected_on_its_own_whichever_order_its_key_comes_in()
    {
        // An invalid record the target itself refuses (a schema violation) never enters the buffer: exactly record by record.
        using var run = new Run(allowFailures: true);
        var input = new[]
        {
            Schema,
            Lines.Record("contacts", new { Ext__c = "K", Name = 7 }), Valid("K", "second"),
            Valid("L", "first"), Lines.Record("contacts", new { Ext__c = "L", Name = 8 }),
        };

        var result = await run.Pipeline.RunAsync(input);

        Assert.That(run.Rows.ToDictionary(r => r.Key, r => (string?)r.Value["Name"]), Is.EquivalentTo(new Dictionary<string, string?> { ["K"] = "second", ["L"] = "first" }));
        Assert.That(run.Rejects.Select(r => (r.Line, r.Code)), Is.EquivalentTo(new[] { (2L, "INVALID_RECORD"), (5L, "INVALID_RECORD") }));
        Assert.That(result.Summary.RecordsCommitted, Is.EqualTo(2));
        Assert.That(result.Summary.RecordsSuperseded, Is.Zero);
    }

    [Test]
    public async Task Earlier_records_are_tried_newest_first_until_one_commits_and_the_later_ones_go_again_after_it_in_order()
    {
        using var run = new Run(allowFailures: true);

        var result = await run.Pipeline.RunAsync(Schema, Valid("K", "v1"), Valid("K", "v2"), Invalid("K"), Invalid("K"));

        Assert.That(run.Sent, Is.EqualTo(new[] { "-", "-", "v2", "-", "-" }), "lines 5 and 4 fail while they stand for earlier records; line 3 commits; then 4 and 5 again, in order");
        Assert.That((string?)run.Rows["K"]["Name"], Is.EqualTo("v2"));
        Assert.That(run.Rejects.Select(r => r.Line), Is.EqualTo(new[] { 4L, 5L }), "each failed record once, on its own line, in input order");
        Assert.That(result.Summary.RecordsCommitted, Is.EqualTo(1));
        Assert.That(result.Summary.RecordsSuperseded, Is.EqualTo(1), "v1, superseded by v2");
        Assert.That(result.Summary.RecordsFailed, Is.EqualTo(2));
        Assert.That(result.Summary.Jobs, Is.EqualTo(5));
    }

    [Test]
    public async Task When_every_version_fails_each_is_rejected_with_its_own_line_and_message()
    {
        var loader = new InMemoryObjectLoader
        {
            FailRow = (record, _) => new RowFailure(0, "FIELD_CUSTOM_VALIDATION_EXCEPTION", $"refused {(string)record["Name"]!}"),
        };
        using var run = new Run(allowFailures: true, loader);

        var result = await run.Pipeline.RunAsync(Schema, Valid("K", "a"), Valid("K", "b"), Valid("K", "c"));

        Assert.That(run.Rejects.Select(r => (r.Line, r.Message, (string)r.Record["Name"]!)),
            Is.EqualTo(new[] { (2L, "refused a", "a"), (3L, "refused b", "b"), (4L, "refused c", "c") }));
        Assert.That(run.Rows, Is.Empty);
        Assert.That(result.Summary.RecordsFailed, Is.EqualTo(3));
        Assert.That(result.Summary.RecordsNotReached, Is.Zero);
    }

    [Test]
    public async Task A_record_refused_only_because_its_row_did_not_exist_yet_loads_once_its_earlier_record_created_the_row()
    {
        // Like a required field on create: an upsert that updates an existing row may leave it out.
        var loader = new InMemoryObjectLoader();
        loader.FailRow = (record, _) => record["Name"] is null && !loader.Org.RowsOf("contacts").ContainsKey((string)record["Ext__c"]!)
            ? new RowFailure(0, "REQUIRED_FIELD_MISSING", Missing)
            : null;
        using var run = new Run(allowFailures: false, loader);

        var result = await run.Pipeline.RunAsync(Schema, Valid("K", "first"), Invalid("K"));

        Assert.That(run.Sent, Is.EqualTo(new[] { "first", "-" }), "each record in its own job, in input order");
        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Completed), "record by record, the second one updates the row the first created");
        Assert.That(run.Rejects, Is.Empty);
        Assert.That(result.Summary.RecordsCommitted, Is.EqualTo(2));
        Assert.That(result.Summary.RecordsFailed, Is.Zero);
    }

    [Test]
    public async Task The_state_waits_for_the_follow_up_job()
    {
        var loader = Org(holdLoads: true);
        using var run = new Run(allowFailures: true, loader);

        var running = run.Pipeline.RunAsync(Schema, Valid("K", "first"), Invalid("K"), Lines.State(new { at = 2 }));
        (await loader.NextLoadAsync()).Commit(); // the invalid record fails
        var followUp = await loader.NextLoadAsync();

        Assert.That(followUp.Batch.Values("Name"), Is.EqualTo(new[] { "first" }));
        Assert.That(run.Pipeline.States.States, Is.Empty, "the earlier record is not settled until its follow-up commits");
        followUp.Commit();
        var again = await loader.NextLoadAsync();
        Assert.That(again.Batch.Values("Name"), Is.EqualTo(new[] { "" }), "the failed record goes again once the earlier one is in");
        Assert.That(run.Pipeline.States.States, Is.Empty, "nor is the failed one until its last attempt");
        again.Commit();
        var result = await running;
        Assert.That(run.Pipeline.States.States, Is.EqualTo(new[] { "{\"at\":2}" }));
        Assert.That(result.Summary.RecordsCommitted, Is.EqualTo(1));
    }

    [Test]
    public async Task A_follow_up_that_hits_a_row_lock_gets_its_own_lock_retries()
    {
        var locks = 0;
        var loader = new InMemoryObjectLoader
        {
            FailRow = (record, _) => record["Name"] is null
                ? new RowFailure(0, "REQUIRED_FIELD_MISSING", Missing)
                : Interlocked.Increment(ref locks) <= 2 ? new RowFailure(0, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record") : null,
        };
        using var run = new Run(allowFailures: true, loader, lockRetryAttempts: 2);

        var result = await run.Pipeline.RunAsync(Schema, Valid("K", "first"), Invalid("K"));

        Assert.That(run.Sent, Is.EqualTo(new[] { "-", "first", "first", "first", "-" }));
        Assert.That((string?)run.Rows["K"]["Name"], Is.EqualTo("first"));
        Assert.That(result.Summary.RecordsCommitted, Is.EqualTo(1));
        Assert.That(result.Summary.RecordsFailed, Is.EqualTo(1));
    }

    [Test]
    public async Task The_summary_and_the_metrics_name_superseded_records()
    {
        using var run = new Run(allowFailures: true);

        await run.Pipeline.RunAsync(Schema, Valid("K", "a"), Valid("K", "b"), Valid("L", "c"), Invalid("M"));

        var info = run.Pipeline.Logs.Messages(LogLevel.Information).ToList();
        Assert.That(info, Has.Some.EqualTo("Stream 'contacts' → contacts: 4 read, 2 committed, 1 superseded, 1 failed"));
        Assert.That(info, Has.Some.StartsWith("Completed: 4 records read, 2 committed, 1 superseded, 1 failed, 0 not reached;"));
        Assert.That(info, Has.One.EqualTo("METRIC: {\"type\":\"counter\",\"metric\":\"record_outcome_count\",\"value\":1,\"tags\":{\"stream\":\"contacts\",\"outcome\":\"superseded\"}}"));
        Assert.That(info, Has.One.EqualTo("METRIC: {\"type\":\"counter\",\"metric\":\"record_outcome_count\",\"value\":2,\"tags\":{\"stream\":\"contacts\",\"outcome\":\"committed\"}}"));
        Assert.That(info, Has.One.EqualTo("METRIC: {\"type\":\"counter\",\"metric\":\"record_outcome_count\",\"value\":1,\"tags\":{\"stream\":\"contacts\",\"outcome\":\"failed\"}}"));
        Assert.That(info, Has.None.Contains("not_reached"), "nothing was left unreached");
    }
}

using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Configuration;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading;
using TargetSalesforce.Tests.Support;

namespace TargetSalesforce.Tests.Loading;

public class PipelineTests
{
    private static readonly string ContactSchema = Lines.Schema("contacts", ["Id"], ("Id", "string"), ("Name", "string"), ("Age", "integer"));

    [Test]
    public async Task Empty_input_exits_cleanly_without_contacting_salesforce()
    {
        var run = new PipelineRun(PipelineRun.Config());

        var result = await run.RunAsync();

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Completed));
        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(run.Loader.Opened, Is.Empty);
        Assert.That(run.States.States, Is.Empty);
    }

    [Test]
    public async Task States_alone_are_relayed_without_opening_a_writer_and_never_empty_or_repeated()
    {
        var run = new PipelineRun(PipelineRun.Config());

        var result = await run.RunAsync(
            Lines.State(new { a = 1 }), Lines.State(new { a = 1 }), "{\"type\": \"STATE\", \"value\": {}}",
            "{\"type\": \"STATE\", \"value\": null}", Lines.State(new { a = 2 }));

        Assert.That(result.Succeeded, Is.True);
        Assert.That(run.Loader.Opened, Is.Empty);
        Assert.That(run.States.States, Is.EqualTo(new[] { "{\"a\":1}", "{\"a\":2}" }));
    }

    [Test]
    public async Task Loads_records_and_emits_the_final_state_after_the_final_flush()
    {
        var run = new PipelineRun(PipelineRun.Config());

        var result = await run.RunAsync(
            ContactSchema,
            Lines.Record("contacts", new { Id = "1", Name = "Ann", Age = 30 }),
            Lines.State(new { bookmark = 1 }),
            Lines.Record("contacts", new { Id = "2", Name = "Bo", Age = 40 }),
            Lines.State(new { bookmark = 2 }));

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Completed));
        Assert.That(run.Loader.Org.InsertedInto("contacts").Select(r => (string?)r["Name"]), Is.EqualTo(new[] { "Ann", "Bo" }));
        Assert.That(run.States.States[^1], Is.EqualTo("{\"bookmark\":2}"));
        Assert.That(result.Summary.Streams.Single(), Is.EqualTo(new StreamSummary("contacts", "contacts", 2, 2, 0, 0, SentByRest: 0, SentByBulk: 2)));
        Assert.That(result.Summary.Jobs, Is.EqualTo(1));
        Assert.That(run.Loader.InputEndings, Is.EqualTo(1), "the loader hears once that no batch will follow");
    }

    [Test]
    public async Task The_loader_does_not_hear_that_the_input_ended_when_a_bad_line_stops_the_reading()
    {
        var run = new PipelineRun(PipelineRun.Config());

        var result = await run.RunAsync(ContactSchema, Lines.Record("contacts", new { Id = "1", Name = "Ann", Age = 30 }), "{not json");

        Assert.That(result.Outcome, Is.Not.EqualTo(RunOutcome.Completed));
        Assert.That(run.Loader.InputEndings, Is.Zero);
    }

    [Test]
    public async Task The_first_job_of_a_stream_is_smaller_so_salesforce_starts_sooner_then_jobs_take_the_batch_size()
    {
        var run = new PipelineRun(PipelineRun.Config(batchSizeRows: 5, maxParallelJobs: 1), tune: o => o with { Flush = o.Flush with { FirstBatchRows = 2 } });
        var records = Enumerable.Range(1, 13).Select(i => Lines.Record("contacts", new { Id = $"{i}", Name = $"N{i}", Age = i }));

        var result = await run.RunAsync([ContactSchema, .. records]);

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Completed));
        Assert.That(run.Loader.Batches.Select(b => b.Records.Count), Is.EqualTo(new[] { 2, 5, 5, 1 }));
        Assert.That(run.Loader.Org.InsertedInto("contacts").Select(r => (string?)r["Id"]), Is.EqualTo(Enumerable.Range(1, 13).Select(i => $"{i}")));
    }

    [Test]
    public async Task Routes_each_stream_to_its_object_action_and_key()
    {
        var streams = new Dictionary<string, StreamOverride>
        {
            ["people"] = new("Contact", LoadAction.Upsert, "Email__c"),
            ["firms"] = new(null, LoadAction.Update, null),
        };
        var run = new PipelineRun(PipelineRun.Config(LoadAction.Insert, externalIdName: "Ext__c", streams: streams, mageTable: "MageTable"),
            destinationTables: new Dictionary<string, string> { ["firms"] = "Account" });

        await run.RunAsync(
            Lines.Schema("people", [], ("Email__c", "string")),
            Lines.Schema("firms", [], ("Id", "string")),
            Lines.Schema("other", [], ("Id", "string")));

        var opened = run.Loader.Opened.Select(o => o.Operation).ToList();
        Assert.That(opened, Is.EqualTo(new[]
        {
            new ObjectOperation("Contact", LoadAction.Upsert, "Email__c"),
            new ObjectOperation("MageTable", LoadAction.Update, "Ext__c"),
            new ObjectOperation("MageTable", LoadAction.Insert, "Ext__c"),
        }));
    }

    [Test]
    public async Task Table_name_wins_over_every_other_source_and_the_catalog_over_the_stream_name()
    {
        var streams = new Dictionary<string, StreamOverride> { ["people"] = new("Contact", null, null) };
        var withTable = new PipelineRun(PipelineRun.Config(tableName: "Lead", streams: streams));
        var withCatalog = new PipelineRun(PipelineRun.Config(),
            destinationTables: new Dictionary<string, string> { ["people"] = "Account" });

        await withTable.RunAsync(Lines.Schema("people", [], ("Id", "string")));
        await withCatalog.RunAsync(Lines.Schema("people", [], ("Id", "string")), Lines.Schema("plain", [], ("Id", "string")));

        Assert.That(withTable.Loader.Opened.Single().Operation.ObjectName, Is.EqualTo("Lead"));
        Assert.That(withCatalog.Loader.Opened.Select(o => o.Operation.ObjectName), Is.EqualTo(new[] { "Account", "plain" }));
        Assert.That(withCatalog.Loader.Opened.First().Shape, Is.EqualTo(withCatalog.Loader.Opened.First().Shape with { }));
    }

    [Test]
    public async Task Passes_the_schema_properties_and_keys_to_the_writer()
    {
        var run = new PipelineRun(PipelineRun.Config());

        await run.RunAsync(ContactSchema);

        var shape = run.Loader.Opened.Single().Shape;
        Assert.That(shape.Stream, Is.EqualTo("contacts"));
        Assert.That(shape.Properties, Is.EqualTo(new[] { "Id", "Name", "Age" }));
        Assert.That(shape.KeyProperties, Is.EqualTo(new[] { "Id" }));
    }

    [Test]
    public async Task A_writer_that_cannot_be_opened_halts_naming_the_stream()
    {
        var run = new PipelineRun(PipelineRun.Config(), new InMemoryObjectLoader { OpenException = new LoadConfigurationException("no object named contacts") });

        var result = await run.RunAsync(ContactSchema, Lines.State(new { a = 1 }));

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Halted));
        Assert.That(result.Reason, Does.Contain("stream 'contacts'").And.Contain("no object named contacts"));
        Assert.That(run.States.States, Is.Empty);
    }

    [Test]
    public async Task A_schema_that_cannot_describe_records_is_the_reason_given_though_its_writer_fails_too()
    {
        // The schema is read while the writer opens: its error is still the one the run halts with, as when they ran in turn.
        var run = new PipelineRun(PipelineRun.Config(), new InMemoryObjectLoader { OpenException = new LoadConfigurationException("no object named contacts") });

        var result = await run.RunAsync("""{"type":"SCHEMA","stream":"contacts","schema":{"type":"object"},"key_properties":[]}""", Lines.State(new { a = 1 }));

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Halted));
        Assert.That(result.Reason, Does.Contain("SCHEMA of stream 'contacts' is not a usable JSON schema").And.Not.Contain("no object named"));
        Assert.That(run.States.States, Is.Empty);
    }

    [Test]
    public async Task Without_allow_failures_an_invalid_record_halts_and_no_state_passes_it()
    {
        var rejects = Path.GetTempFileName();
        try
        {
            var run = new PipelineRun(PipelineRun.Config(rejectFile: rejects));

            var result = await run.RunAsync(
                ContactSchema,
                Lines.Record("contacts", new { Id = "1", Name = "Ann", Age = 30 }),
                Lines.State(new { at = 1 }),
                Lines.Record("contacts", new { Id = "2", Name = "Bo", Age = "forty" }),
                Lines.State(new { at = 2 }),
                Lines.Record("contacts", new { Id = "3", Name = "Cy", Age = 50 }),
                Lines.State(new { at = 3 }));

            Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Halted));
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Reason, Does.Contain("line 4").And.Contain("contacts").And.Contain("'Age'"));
            Assert.That(run.Logs.AtOrAbove(LogLevel.Error).Count(), Is.EqualTo(1), "the reason is logged once");
            Assert.That(run.States.States, Is.EqualTo(new[] { "{\"at\":1}" }), "the state true before the bad record goes out, none after it");
            Assert.That(run.Loader.Org.InsertedInto("contacts").Select(r => (string?)r["Id"]), Is.EqualTo(new[] { "1" }), "the record before it is committed");
            Assert.That(result.Summary.RecordsCommitted, Is.EqualTo(1));
            var reject = JObject.Parse((await File.ReadAllLinesAsync(rejects)).Single());
            Assert.That((string?)reject["stream"], Is.EqualTo("contacts"));
            Assert.That((long)reject["line"]!, Is.EqualTo(4));
            Assert.That((string?)reject["record"]!["Age"], Is.EqualTo("forty"));
            Assert.That((string?)reject["error_code"], Is.EqualTo("INVALID_RECORD"));
            Assert.That((string?)reject["message"], Does.Contain("'Age'"));
        }
        finally
        {
            File.Delete(rejects);
        }
    }

    [Test]
    public async Task With_allow_failures_failed_records_are_reported_at_warning_and_the_run_goes_on()
    {
        var loader = new InMemoryObjectLoader
        {
            FailRow = (record, _) => (string?)record["Name"] == "dup" ? new RowFailure(0, "DUPLICATE_VALUE", "duplicate value found") : null,
            RejectRecord = record => (string?)record["Name"] == "bad" ? new("INVALID_FIELD_VALUE", "Name cannot take this value") : null,
        };
        var run = new PipelineRun(PipelineRun.Config(allowFailures: true), loader);

        var result = await run.RunAsync(
            ContactSchema,
            Lines.Record("contacts", new { Id = "1", Name = "dup", Age = 1 }),
            Lines.Record("contacts", new { Id = "2", Name = "bad", Age = 2 }),
            Lines.Record("contacts", new { Id = "3", Name = "ok", Age = "three" }),
            Lines.Record("contacts", new { Id = "4", Name = "ok", Age = 4 }),
            Lines.State(new { done = true }));

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Completed));
        Assert.That(result.Summary.RecordsFailed, Is.EqualTo(3));
        Assert.That(result.Summary.RecordsCommitted, Is.EqualTo(1));
        Assert.That(run.States.States, Is.EqualTo(new[] { "{\"done\":true}" }));
        Assert.That(run.Logs.AtOrAbove(LogLevel.Error), Is.Empty);
        var warnings = run.Logs.Messages(LogLevel.Warning).ToList();
        Assert.That(warnings, Has.Some.Contains("DUPLICATE_VALUE").And.Contains("line 2"));
        Assert.That(warnings, Has.Some.Contains("INVALID_FIELD_VALUE").And.Contains("line 3"));
        Assert.That(warnings, Has.Some.Contains("INVALID_RECORD").And.Contains("line 4"));
    }

    [Test]
    public async Task Without_allow_failures_a_row_failed_by_salesforce_halts_after_the_job_and_counts_the_rest()
    {
        var loader = new InMemoryObjectLoader
        {
            FailRow = (record, _) => (string?)record["Id"] == "2" ? new RowFailure(0, "REQUIRED_FIELD_MISSING", "Required fields are missing: [LastName]") : null,
        };
        var run = new PipelineRun(PipelineRun.Config(batchSizeRows: 2, maxParallelJobs: 1), loader);

        var result = await run.RunAsync(
            ContactSchema,
            Lines.Record("contacts", new { Id = "1", Name = "a", Age = 1 }),
            Lines.Record("contacts", new { Id = "2", Name = "b", Age = 2 }),
            Lines.State(new { at = 2 }),
            Lines.Record("contacts", new { Id = "3", Name = "c", Age = 3 }));

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Halted));
        Assert.That(result.Reason, Does.Contain("REQUIRED_FIELD_MISSING").And.Contain("line 3").And.Contain("contacts"));
        Assert.That(result.Summary.RecordsCommitted, Is.EqualTo(1));
        Assert.That(result.Summary.RecordsFailed, Is.EqualTo(1));
        Assert.That(run.States.States, Is.Empty);
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_job_failed_as_a_whole_is_fatal_whatever_allow_failures_says(bool allowFailures)
    {
        var loader = new InMemoryObjectLoader { LoadException = new JobFailedException("750xx", "InvalidBatch : Field name not found : Foo") };
        var run = new PipelineRun(PipelineRun.Config(allowFailures: allowFailures), loader);

        var result = await run.RunAsync(ContactSchema, Lines.Record("contacts", new { Id = "1" }), Lines.State(new { at = 1 }));

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Halted));
        Assert.That(result.Reason, Does.Contain("750xx").And.Contain("Field name not found"));
        Assert.That(run.States.States, Is.Empty);
    }

    [Test]
    public async Task With_allow_failures_update_keeps_the_last_record_of_a_key_within_a_job_and_counts_the_replaced_one_as_superseded()
    {
        var run = new PipelineRun(PipelineRun.Config(LoadAction.Update, allowFailures: true));

        var result = await run.RunAsync(
            ContactSchema,
            Lines.Record("contacts", new { Id = "1", Name = "first" }),
            Lines.Record("contacts", new { Id = "2", Name = "other" }),
            Lines.Record("contacts", new { Id = "1", Name = "last" }));

        var batch = run.Loader.Batches.Single();
        Assert.That(batch.Values("Name"), Is.EqualTo(new[] { "last", "other" }));
        Assert.That(result.Summary.RecordsCommitted, Is.EqualTo(2));
        Assert.That(result.Summary.RecordsSuperseded, Is.EqualTo(1));
    }

    [Test]
    public async Task Without_allow_failures_update_sends_every_record_of_a_key_in_jobs_one_after_another()
    {
        var run = new PipelineRun(PipelineRun.Config(LoadAction.Update));

        var result = await run.RunAsync(
            ContactSchema,
            Lines.Record("contacts", new { Id = "1", Name = "first" }),
            Lines.Record("contacts", new { Id = "2", Name = "other" }),
            Lines.Record("contacts", new { Id = "1", Name = "last" }));

        // Record by record, Salesforce judges each: the repeat waits for a job after the one naming its key.
        Assert.That(run.Loader.Batches.Select(b => b.Values("Name")), Is.EqualTo(new[] { new[] { "first", "other" }, new[] { "last" } }));
        Assert.That(result.Summary.RecordsCommitted, Is.EqualTo(3));
        Assert.That(result.Summary.RecordsSuperseded, Is.Zero);
    }

    [Test]
    public async Task Inserts_are_never_deduplicated()
    {
        var run = new PipelineRun(PipelineRun.Config(LoadAction.Insert));

        await run.RunAsync(ContactSchema, Lines.Record("contacts", new { Id = "1" }), Lines.Record("contacts", new { Id = "1" }));

        Assert.That(run.Loader.Batches.Single().Records, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Flushes_at_the_row_threshold_and_the_byte_threshold()
    {
        var byRows = new PipelineRun(PipelineRun.Config(batchSizeRows: 2));
        var byBytes = new PipelineRun(PipelineRun.Config(batchSizeBytes: 60));
        var records = Enumerable.Range(1, 5).Select(i => Lines.Record("contacts", new { Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture), Name = "name" })).ToArray();

        await byRows.RunAsync([ContactSchema, .. records]);
        await byBytes.RunAsync([ContactSchema, .. records]);

        // Jobs of different keys run in parallel, so batches may start loading in any order.
        Assert.That(byRows.Loader.Batches.Select(b => b.Records.Count), Is.EquivalentTo(new[] { 2, 2, 1 }));
        Assert.That(byBytes.Loader.Batches, Has.Count.GreaterThan(1));
        Assert.That(byBytes.Loader.Batches.Sum(b => b.Records.Count), Is.EqualTo(5));
        Assert.That(byBytes.Loader.Batches.Select(b => b.Records.Sum(r => r.ToString(Newtonsoft.Json.Formatting.None).Length + 1)),
            Has.All.LessThanOrEqualTo(60));
    }

    [Test]
    public async Task A_new_schema_flushes_buffered_rows_under_the_old_schema_first()
    {
        var run = new PipelineRun(PipelineRun.Config());

        await run.RunAsync(
            Lines.Schema("s", ["id"], ("id", "integer")),
            Lines.Record("s", new { id = 1 }),
            Lines.Schema("s", ["id"], ("id", "integer"), ("extra", "string")),
            Lines.Record("s", new { id = 2, extra = "x" }));

        Assert.That(run.Loader.Opened.Select(o => o.Shape.Properties.Count), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(run.Loader.Batches.Select(b => b.Records.Count), Is.EqualTo(new[] { 1, 1 }));
    }

    [Test]
    public async Task The_same_schema_again_changes_nothing()
    {
        var run = new PipelineRun(PipelineRun.Config());

        await run.RunAsync(ContactSchema, Lines.Record("contacts", new { Id = "1" }), ContactSchema, Lines.Record("contacts", new { Id = "2" }));

        Assert.That(run.Loader.Opened, Has.Count.EqualTo(1));
        Assert.That(run.Loader.Batches.Single().Records, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Validation_can_be_turned_off()
    {
        var run = new PipelineRun(PipelineRun.Config(validateRecords: false));

        var result = await run.RunAsync(ContactSchema, Lines.Record("contacts", new { Id = "1", Age = "not a number" }));

        Assert.That(result.Summary.RecordsCommitted, Is.EqualTo(1));
    }

    [Test]
    public async Task Process_deletes_sends_deleted_records_to_a_delete_writer_opened_when_first_needed()
    {
        var run = new PipelineRun(PipelineRun.Config(LoadAction.Upsert, externalIdName: "Id", processDeletes: true));
        var schema = Lines.Schema("contacts", ["Id"], ("Id", "string"), ("Name", "string"), ("_sdc_deleted_at", "string"));

        await run.RunAsync(
            schema,
            Lines.Record("contacts", new { Id = "1", Name = "keep" }),
            Lines.Record("contacts", new { Id = "2", Name = "gone" }));
        Assert.That(run.Loader.Opened.Select(o => o.Operation.Action), Is.EqualTo(new[] { LoadAction.Upsert }));

        var deleting = new PipelineRun(PipelineRun.Config(LoadAction.Upsert, processDeletes: true, validateRecords: false));
        var result = await deleting.RunAsync(
            schema,
            Lines.Record("contacts", new { Id = "1", Name = "keep" }),
            Lines.Record("contacts", new { Id = "2", Name = "gone" }),
            "{\"type\": \"RECORD\", \"stream\": \"contacts\", \"record\": {\"Id\": \"2\", \"_sdc_deleted_at\": \"2024-01-01T00:00:00Z\"}}",
            "{\"type\": \"RECORD\", \"stream\": \"contacts\", \"record\": {\"Id\": \"1\", \"_sdc_deleted_at\": null}}");

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Completed), result.Reason);
        Assert.That(deleting.Loader.Opened.Select(o => o.Operation.Action), Is.EqualTo(new[] { LoadAction.Upsert, LoadAction.Delete }));
        Assert.That(deleting.Loader.Org.RowsOf("contacts").Keys, Is.EqualTo(new[] { "1" }));
    }

    [Test]
    public async Task Activate_version_is_accepted_and_logged()
    {
        var run = new PipelineRun(PipelineRun.Config());

        var result = await run.RunAsync(ContactSchema, "{\"type\": \"ACTIVATE_VERSION\", \"stream\": \"contacts\", \"version\": 3}");

        Assert.That(result.Succeeded, Is.True);
        Assert.That(run.Logs.Messages(LogLevel.Information), Has.Some.Contains("ACTIVATE_VERSION").And.Contains("contacts"));
    }

    [Test]
    public async Task Lenient_mode_loads_a_mage_style_input()
    {
        var run = new PipelineRun(PipelineRun.Config());

        var result = await run.RunAsync(Lines.Input(
            "INFO tap starting", ContactSchema, "{\"type\": \"LOG\", \"level\": \"INFO\", \"message\": \"x\"}",
            Lines.Record("contacts", new { Id = "1" }), "garbage {", Lines.State(new { at = 1 })), lenient: true);

        Assert.That(result.Succeeded, Is.True);
        Assert.That(result.Summary.RecordsCommitted, Is.EqualTo(1));
        Assert.That(run.States.States, Is.EqualTo(new[] { "{\"at\":1}" }));
    }

    [Test]
    public async Task Invalid_json_halts_after_loading_what_came_before_but_emits_no_later_state()
    {
        var run = new PipelineRun(PipelineRun.Config());

        var result = await run.RunAsync(ContactSchema, Lines.Record("contacts", new { Id = "1" }), Lines.State(new { at = 1 }), "{oops", Lines.State(new { at = 2 }));

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Halted));
        Assert.That(result.Reason, Does.StartWith("line 4:"));
        Assert.That(run.States.States, Has.None.EqualTo("{\"at\":2}"));
    }

    [Test]
    public async Task Logs_record_count_metrics_and_a_summary()
    {
        var run = new PipelineRun(PipelineRun.Config());

        await run.RunAsync(ContactSchema, Lines.Record("contacts", new { Id = "1" }), Lines.Record("contacts", new { Id = "2" }));

        var info = run.Logs.Messages(LogLevel.Information).ToList();
        Assert.That(info, Has.One.EqualTo("METRIC: {\"type\":\"counter\",\"metric\":\"record_count\",\"value\":2,\"tags\":{\"stream\":\"contacts\"}}"));
        Assert.That(info, Has.Some.Contains("2 records read, 2 committed, 0 superseded, 0 failed, 0 not reached"));
    }

    [Test]
    public async Task The_summary_counts_in_the_singular_where_there_is_one_and_gives_the_commit_rate()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var run = new PipelineRun(PipelineRun.Config(), time: time);

        await run.RunAsync(ContactSchema, Lines.Record("contacts", new { Id = "1" }), Lines.State(new { at = 1 }));

        var completed = run.Logs.Messages(LogLevel.Information).Single(m => m.StartsWith("Completed:", StringComparison.Ordinal));
        Assert.That(completed, Does.Contain("1 record read").And.Contain("; 1 job; 1 state emitted;").And.Contain("records/s committed"));
        Assert.That(run.Logs.Messages(LogLevel.Information), Has.One.Contains("Read 3 lines of input (1 record, 0 batch manifests, 1 state message)"));
    }

    [Test]
    public async Task The_stream_announcement_carries_the_upsert_key_as_a_bare_field_name()
    {
        var run = new PipelineRun(PipelineRun.Config(action: LoadAction.Upsert, externalIdName: "External_Id__c"));

        await run.RunAsync(Lines.Schema("contacts", ["External_Id__c"], ("External_Id__c", "string")), Lines.Record("contacts", new { External_Id__c = "E-1" }));

        var announced = run.Logs.Entries.Single(e => e.Message.StartsWith("Stream 'contacts' loads into", StringComparison.Ordinal));
        Assert.That(announced.Message, Is.EqualTo("Stream 'contacts' loads into contacts (Upsert on External_Id__c)"));
        Assert.That(announced.Properties, Has.One.EqualTo(new KeyValuePair<string, object?>("Key", "External_Id__c")));
    }
}

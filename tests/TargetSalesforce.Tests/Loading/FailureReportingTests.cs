using Microsoft.Extensions.Logging;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading;
using TargetSalesforce.Tests.Support;

namespace TargetSalesforce.Tests.Loading;

/// <summary>What a user sees of failed records: each one's Salesforce code, message and fields, and where the rest went.</summary>
public class FailureReportingTests
{
    private static readonly string ContactSchema = Lines.Schema("contacts", ["Id"], ("Id", "string"), ("Name", "string"));

    private static InMemoryObjectLoader FailingEveryBadName() => new()
    {
        FailRow = (record, _) => (string?)record["Name"] == "bad"
            ? new RowFailure(0, "INVALID_EMAIL_ADDRESS", "Email: invalid email address: nope", "Email")
            : null,
    };

    [Test]
    public async Task Each_failed_record_is_logged_with_its_line_code_message_and_fields_the_first_per_stream_at_warning_the_rest_at_debug()
    {
        var run = new PipelineRun(
            PipelineRun.Config(allowFailures: true), FailingEveryBadName(), o => o with { LoggedFailuresPerStream = 2 });

        var result = await run.RunAsync(
            ContactSchema,
            Lines.Record("contacts", new { Id = "1", Name = "bad" }),
            Lines.Record("contacts", new { Id = "2", Name = "ok" }),
            Lines.Record("contacts", new { Id = "3", Name = "bad" }),
            Lines.Record("contacts", new { Id = "4", Name = "bad" }));

        Assert.That(result.Summary.RecordsFailed, Is.EqualTo(3));
        var warned = run.Logs.Messages(LogLevel.Warning).Where(m => m.Contains("the record at line", StringComparison.Ordinal)).ToList();
        Assert.That(warned, Has.Count.EqualTo(2));
        Assert.That(warned[0], Does.Contain("'contacts'").And.Contain("line 2").And.Contain("INVALID_EMAIL_ADDRESS")
            .And.Contain("invalid email address: nope").And.Contain("fields: Email"));
        Assert.That(warned[1], Does.Contain("line 4").And.Contain("DEBUG"));
        Assert.That(run.Logs.Messages(LogLevel.Debug), Has.One.Contains("line 5").And.Contain("invalid email address: nope"));
    }

    [Test]
    public async Task Without_a_reject_file_the_summary_says_how_many_failed_and_that_the_log_is_the_only_record_of_them()
    {
        var run = new PipelineRun(PipelineRun.Config(allowFailures: true), FailingEveryBadName());

        await run.RunAsync(ContactSchema, Lines.Record("contacts", new { Id = "1", Name = "bad" }));

        Assert.That(run.Logs.Messages(LogLevel.Information), Has.One.StartsWith("1 record failed:").And.Contain("set reject_file"));
    }

    [Test]
    public async Task With_a_reject_file_the_summary_names_it()
    {
        var rejects = Path.GetTempFileName();
        try
        {
            var run = new PipelineRun(PipelineRun.Config(allowFailures: true, rejectFile: rejects), FailingEveryBadName());

            await run.RunAsync(
                ContactSchema, Lines.Record("contacts", new { Id = "1", Name = "bad" }), Lines.Record("contacts", new { Id = "2", Name = "bad" }));

            Assert.That(run.Logs.Messages(LogLevel.Information), Has.One.StartsWith("2 records failed:").And.Contain(rejects));
        }
        finally
        {
            File.Delete(rejects);
        }
    }

    [Test]
    public async Task Without_allow_failures_the_halt_reason_carries_salesforces_message_and_fields()
    {
        var run = new PipelineRun(PipelineRun.Config(), FailingEveryBadName());

        var result = await run.RunAsync(ContactSchema, Lines.Record("contacts", new { Id = "1", Name = "bad" }));

        Assert.That(result.Reason, Does.Contain("invalid email address: nope").And.Contain("fields: Email").And.Contain("line 2"));
    }

    [Test]
    public async Task A_record_the_writer_rejects_halts_only_after_every_stream_read_before_it_is_committed_and_its_state_emitted()
    {
        var loader = new InMemoryObjectLoader
        {
            RejectRecord = record => (string?)record["Name"] == "bad" ? new("INVALID_FIELD_VALUE", "field 'Name' cannot take \"bad\"") : null,
        };
        var run = new PipelineRun(PipelineRun.Config(maxParallelJobs: 1), loader);

        var result = await run.RunAsync(
            ContactSchema,
            Lines.Schema("accounts", ["Id"], ("Id", "string")),
            Lines.Record("contacts", new { Id = "1", Name = "ok" }),
            Lines.Record("accounts", new { Id = "A" }),
            Lines.State(new { at = 1 }),
            Lines.Record("contacts", new { Id = "2", Name = "bad" }),
            Lines.State(new { at = 2 }),
            Lines.Record("contacts", new { Id = "3", Name = "ok" }));

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Halted));
        Assert.That(result.Reason, Does.Contain("line 6").And.Contain("\"bad\""));
        Assert.That(run.Loader.Org.InsertedInto("contacts").Select(r => (string?)r["Id"]), Is.EqualTo(new[] { "1" }));
        Assert.That(run.Loader.Org.InsertedInto("accounts").Select(r => (string?)r["Id"]), Is.EqualTo(new[] { "A" }));
        Assert.That(run.States.States, Is.EqualTo(new[] { "{\"at\":1}" }));
        Assert.That(result.Summary.RecordsFailed, Is.EqualTo(1));
    }

    [Test]
    public async Task A_huge_message_from_salesforce_is_cut_in_the_log_and_the_halt_reason()
    {
        var huge = "Description: data value too large: " + new string('z', 100_000);
        var loader = new InMemoryObjectLoader { FailRow = (_, _) => new RowFailure(0, "STRING_TOO_LONG", huge, "Description") };
        var tolerant = new PipelineRun(PipelineRun.Config(allowFailures: true), loader);
        var strict = new PipelineRun(PipelineRun.Config(), new InMemoryObjectLoader { FailRow = loader.FailRow });

        await tolerant.RunAsync(ContactSchema, Lines.Record("contacts", new { Id = "1", Name = "a" }));
        var result = await strict.RunAsync(ContactSchema, Lines.Record("contacts", new { Id = "1", Name = "a" }));

        Assert.That(tolerant.Logs.Entries.Max(e => e.Message.Length), Is.LessThan(1_000));
        Assert.That(result.Reason!.Length, Is.LessThan(1_000));
        Assert.That(result.Reason, Does.Contain("STRING_TOO_LONG").And.Contain("characters in all"));
    }
}

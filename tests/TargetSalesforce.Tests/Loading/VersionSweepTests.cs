using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Configuration;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading;
using TargetSalesforce.Tests.Support;

namespace TargetSalesforce.Tests.Loading;

/// <summary>ACTIVATE_VERSION with `activate_version` set: when a sweep happens, with which keys, and what a refused one does.</summary>
public class VersionSweepTests
{
    private static readonly string Schema = Lines.Schema("people", ["Key__c"], ("Key__c", "string"), ("Name", "string"));

    private static string Activate(long version) =>
        new JObject { ["type"] = "ACTIVATE_VERSION", ["stream"] = "people", ["version"] = version }.ToString(Formatting.None);

    private static string Person(string key) => Lines.Record("people", new { Key__c = key, Name = "N" + key });

    private static PipelineRun Run(VersionMode mode, string? scope = "Source__c = 'pg'", bool allowFailures = false) =>
        new(PipelineRun.Config(LoadAction.Upsert, externalIdName: "Key__c", batchSizeRows: 2, allowFailures: allowFailures,
            streams: new Dictionary<string, StreamOverride> { ["people"] = new(null, null, null, scope) },
            activateVersion: mode, maxDeleteFraction: 0.3));

    [Test]
    public async Task With_ignore_an_ACTIVATE_VERSION_removes_nothing_and_says_so()
    {
        var run = Run(VersionMode.Ignore);

        var result = await run.RunAsync(Schema, Person("A"), Activate(1));

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(run.Loader.Sweeps, Is.Empty);
        Assert.That(run.Logs.Messages(LogLevel.Information), Has.Some.Contains("activate_version is `ignore`"));
    }

    [Test]
    public async Task The_sweep_sees_every_key_of_the_version_after_all_its_records_loaded_and_before_the_next_state()
    {
        var run = Run(VersionMode.DeleteMissing);

        var result = await run.RunAsync(Schema, Activate(7), Person("A"), Person("B"), Person("C"), Lines.State(new { v = 1 }),
            Activate(7), Lines.State(new { v = 2 }), Person("A"), Activate(8));

        Assert.That(result.ExitCode, Is.Zero);
        var sweeps = run.Loader.Sweeps.ToArray();
        Assert.That(sweeps, Has.Length.EqualTo(2), "the marker that opens a version (no records yet) sweeps nothing");
        Assert.That(sweeps[0].WrittenKeys, Is.EqualTo(new[] { "A", "B", "C" }));
        Assert.That(sweeps[0].BatchesBefore, Is.EqualTo(2), "both batches of the version had loaded");
        Assert.That(sweeps[0].Sweep, Is.EqualTo(new VersionSweep(SweepMode.DeleteMissing, "Source__c = 'pg'", null, 0.3)));
        Assert.That(sweeps[1].WrittenKeys, Is.EqualTo(new[] { "A" }), "each version starts its own set of keys");
        Assert.That(run.States.States, Is.EqualTo(new[] { "{\"v\":1}", "{\"v\":2}" }));
    }

    [Test]
    public async Task A_refused_sweep_halts_the_run_with_its_message_and_no_state_after_it()
    {
        var run = Run(VersionMode.DeleteMissing);
        run.Loader.SweepException = new VersionSweepException("the version would delete 5 of the 10 Contact rows in scope (50%)");

        var result = await run.RunAsync(Schema, Person("A"), Lines.State(new { v = 1 }), Activate(1), Lines.State(new { v = 2 }));

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Reason, Does.Contain("stream 'people', ACTIVATE_VERSION at line 4").And.Contain("would delete 5 of the 10"));
        Assert.That(run.States.States, Is.EqualTo(new[] { "{\"v\":1}" }));
    }

    [Test]
    public async Task A_removing_mode_without_a_scope_stops_at_the_ACTIVATE_VERSION_naming_the_setting()
    {
        var run = Run(VersionMode.DeleteMissing, scope: null);

        var result = await run.RunAsync(Schema, Person("A"), Activate(1));

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Reason, Does.Contain("streams.people.scope"));
        Assert.That(run.Loader.Sweeps, Is.Empty);
    }

    [Test]
    public async Task A_version_with_a_failed_record_removes_nothing_since_that_record_s_row_would_look_missing()
    {
        var run = Run(VersionMode.SoftDeleteField, allowFailures: true);
        run.Loader.FailRow = (record, _) => (string?)record["Key__c"] == "B" ? new RowFailure(0, "INVALID_FIELD", "bad") : null;

        var result = await run.RunAsync(Schema, Person("A"), Person("B"), Activate(1), Person("A"), Activate(2));

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(run.Loader.Sweeps.Select(s => s.WrittenKeys), Is.EqualTo(new[] { new[] { "A" } }), "only the second, clean version is swept");
        Assert.That(run.Logs.Messages(LogLevel.Warning), Has.Some.Contains("1 records of this version failed"));
    }
}

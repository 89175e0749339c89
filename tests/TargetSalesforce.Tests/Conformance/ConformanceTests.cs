using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading;
using TargetSalesforce.Tests.Support;

namespace TargetSalesforce.Tests.Conformance;

/// <summary>The Meltano SDK's standard target streams, with the expectations of their NOTICE.md.</summary>
public class ConformanceTests
{
    private static readonly string[] MustFail = ["record_before_schema", "record_missing_key_property", "invalid_schema"];

    private static IEnumerable<string> SucceedingStreams =>
        SharedFiles.ConformanceNames.Except(MustFail).Except(["record_missing_required_property"]);

    private static int RecordLines(string name) =>
        File.ReadLines(SharedFiles.Conformance(name)).Count(l => l.Contains("\"RECORD\"", StringComparison.Ordinal));

    [TestCaseSource(nameof(SucceedingStreams))]
    public async Task Loads_every_record(string name)
    {
        var run = new PipelineRun(PipelineRun.Config(LoadAction.Insert));

        using var input = File.OpenRead(SharedFiles.Conformance(name));
        var result = await run.RunAsync(input);

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Completed), result.Reason);
        Assert.That(result.Summary.RecordsCommitted, Is.EqualTo(RecordLines(name)));
        Assert.That(run.Loader.Batches.Sum(b => b.Records.Count), Is.EqualTo(RecordLines(name)));
        Assert.That(run.States.States, Has.None.EqualTo("{}"));
    }

    [TestCase("record_before_schema", "stream 'test_record_before_schema'", "line 1")]
    [TestCase("record_missing_key_property", "stream 'test_record_missing_key_property'", "line 2")]
    [TestCase("invalid_schema", "stream 'test_invalid_schema'", "line 1")]
    public async Task Fails_naming_the_stream_and_the_line(string name, string stream, string line)
    {
        var run = new PipelineRun(PipelineRun.Config(LoadAction.Insert));

        using var input = File.OpenRead(SharedFiles.Conformance(name));
        var result = await run.RunAsync(input);

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Halted));
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Reason, Does.Contain(stream).And.Contain(line));
        Assert.That(run.Logs.AtOrAbove(LogLevel.Critical).Select(e => e.Message), Has.Exactly(1).Contains(stream));
    }

    [Test]
    public async Task Multiple_state_messages_go_out_in_order_and_only_after_their_records()
    {
        var inputStates = (await File.ReadAllLinesAsync(SharedFiles.Conformance("multiple_state_messages")))
            .Select(JObject.Parse).Where(m => (string?)m["type"] == "STATE")
            .Select(m => m["value"]!.ToString(Newtonsoft.Json.Formatting.None)).ToList();
        var loader = new InMemoryObjectLoader { HoldLoads = true };
        var run = new PipelineRun(PipelineRun.Config(LoadAction.Insert, batchSizeRows: 1), loader);

        using var input = File.OpenRead(SharedFiles.Conformance("multiple_state_messages"));
        var running = run.RunAsync(input);
        var committed = 0;
        for (var i = 0; i < RecordLines("multiple_state_messages"); i++)
        {
            var load = await loader.NextLoadAsync();
            var emittedBefore = run.States.States.Count;
            load.Commit();
            committed++;
            // A state may go out only once every record before it in the input is committed.
            Assert.That(emittedBefore, Is.LessThanOrEqualTo(StatesCoveredBy(committed - 1)));
        }

        var result = await running;
        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Completed));
        var emitted = run.States.States;
        Assert.That(emitted, Is.SubsetOf(inputStates));
        Assert.That(emitted.Select(s => inputStates.IndexOf(s)), Is.Ordered.Ascending);
        Assert.That(emitted[^1], Is.EqualTo(inputStates[^1]));
    }

    /// <summary>How many input states have all their preceding records among the first <paramref name="records"/>.</summary>
    private static int StatesCoveredBy(int records)
    {
        var seen = 0;
        var states = 0;
        foreach (var line in File.ReadLines(SharedFiles.Conformance("multiple_state_messages")))
        {
            if (line.Contains("\"RECORD\"", StringComparison.Ordinal))
            {
                seen++;
            }
            else if (line.Contains("\"STATE\"", StringComparison.Ordinal) && seen <= records)
            {
                states++;
            }
        }

        return states;
    }

    [Test]
    public async Task A_record_missing_a_required_property_halts_without_allow_failures()
    {
        var run = new PipelineRun(PipelineRun.Config(LoadAction.Insert));

        using var input = File.OpenRead(SharedFiles.Conformance("record_missing_required_property"));
        var result = await run.RunAsync(input);

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Halted));
        Assert.That(result.Reason, Does.Contain("line 2").And.Contain("'id'").And.Contain("test_record_missing_required_property"));
        Assert.That(run.Loader.Batches, Is.Empty);
    }

    [Test]
    public async Task A_record_missing_a_required_property_is_skipped_and_reported_with_allow_failures()
    {
        var run = new PipelineRun(PipelineRun.Config(LoadAction.Insert, allowFailures: true));

        using var input = File.OpenRead(SharedFiles.Conformance("record_missing_required_property"));
        var result = await run.RunAsync(input);

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Completed));
        Assert.That(result.Summary.RecordsFailed, Is.EqualTo(1));
        Assert.That(run.Logs.Messages(LogLevel.Warning), Has.One.Contains("line 2").And.Contains("'id'"));
        Assert.That(run.Logs.AtOrAbove(LogLevel.Error), Is.Empty);
    }
}

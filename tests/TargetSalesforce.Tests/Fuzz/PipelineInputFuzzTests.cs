using System.Diagnostics.CodeAnalysis;
using System.Text;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Loading;
using TargetSalesforce.Tests.Support;

namespace TargetSalesforce.Tests.Fuzz;

/// <summary>
/// Whole runs over input with one damaged record line at a random place: the run completes or halts
/// with a reason naming a line (never an unexpected failure), and the last state it emits never lies
/// past a record that is not in the org.
/// </summary>
public class PipelineInputFuzzTests
{
    private const int Runs = 150;

    [TestCase(11, false)]
    [TestCase(12, true)]
    [SuppressMessage("Design", "CA1031", Justification = "Any exception fails the test, naming the case that caused it.")]
    public async Task A_damaged_line_anywhere_halts_cleanly_or_is_tolerated_and_state_never_lies(int seed, bool allowFailures)
    {
        var lines = new LineMutator(seed);
        var random = lines.Random;
        for (var run = 0; run < Runs; run++)
        {
            var input = new List<byte[]>();
            input.Add(Encoding.UTF8.GetBytes(Lines.Schema("s", ["id"], ("id", "integer"), ("name", "string"))));
            var records = 10 + random.Next(40);
            var damagedAt = 1 + random.Next(records);
            var damagedIndex = -1;
            for (var id = 1; id <= records; id++)
            {
                var record = Lines.Record("s", new { id, name = lines.RandomText(10) });
                damagedIndex = id == damagedAt ? input.Count : damagedIndex;
                input.Add(id == damagedAt ? lines.MutatedLine(record) : Encoding.UTF8.GetBytes(record));
                if (random.Next(3) == 0)
                {
                    input.Add(Encoding.UTF8.GetBytes(Lines.State(new { after = id })));
                }
            }

            input.Add(Encoding.UTF8.GetBytes(Lines.State(new { after = records })));
            var bytes = input.SelectMany(l => l.Append((byte)'\n')).ToArray();
            var pipeline = new PipelineRun(PipelineRun.Config(allowFailures: allowFailures, batchSizeRows: 1 + random.Next(8), maxParallelJobs: 1 + random.Next(3)));
            var shown = Encoding.UTF8.GetString(input[damagedIndex]);

            RunResult result;
            try
            {
                result = await pipeline.RunAsync(new MemoryStream(bytes));
            }
            catch (Exception exception)
            {
                Assert.Fail($"run {run}: the pipeline threw {exception.GetType().Name}: {exception.Message}");
                return;
            }

            Assert.That(result.Outcome, Is.AnyOf(RunOutcome.Completed, RunOutcome.Halted), $"run {run}");
            if (result.Outcome == RunOutcome.Halted)
            {
                Assert.That(result.Reason, Does.Contain("line "), $"run {run}: a halt names the line ({shown})");
                Assert.That(result.Reason, Does.Not.Contain("unexpected failure"), $"run {run}: {result.Reason}");
            }

            Assert.That(pipeline.Logs.AtOrAbove(LogLevel.Critical).Count(), Is.LessThanOrEqualTo(1), $"run {run}: a halt is logged once");
            AssertStateNeverLies(pipeline, records, run, result);
        }
    }

    /// <summary>Every record id up to the last emitted state's `after` is in the org (or was refused and tolerated).</summary>
    private static void AssertStateNeverLies(PipelineRun pipeline, int records, int run, RunResult result)
    {
        var loaded = pipeline.Loader.Org.InsertedInto("s").Select(r => (int?)r["id"]).OfType<int>().ToHashSet();
        if (pipeline.States.States.Count == 0)
        {
            return;
        }

        var after = JObject.Parse(pipeline.States.States[^1])["after"]!.Value<int>();
        var missing = Enumerable.Range(1, after).Where(id => !loaded.Contains(id)).ToList();

        // Only the damaged record may be missing, and only when failures are tolerated (it is reported) or it was skipped unread.
        Assert.That(missing, Has.Count.LessThanOrEqualTo(1), $"run {run}: state {{after:{after}}} passed records {string.Join(",", missing)} that are not in the org");
        if (result.Outcome == RunOutcome.Completed)
        {
            Assert.That(after, Is.EqualTo(records), $"run {run}: a completed run emits its last state");
        }
    }
}

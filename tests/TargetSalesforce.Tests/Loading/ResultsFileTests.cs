using Newtonsoft.Json.Linq;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading;
using TargetSalesforce.Output;
using TargetSalesforce.Tests.Support;

namespace TargetSalesforce.Tests.Loading;

/// <summary>`results_file`: each accepted record with its Id, in input order within a job, on disk before the state that covers it.</summary>
public class ResultsFileTests
{
    private static readonly string ContactSchema = Lines.Schema("contacts", ["ref", "Email"], ("ref", "integer"), ("Email", "string"), ("Name", "string"));

    private string path = null!;

    [SetUp]
    public void SetUp() => path = Path.Combine(Path.GetTempPath(), $"results-{Guid.NewGuid():N}.jsonl");

    [TearDown]
    public void TearDown()
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private static TargetSalesforce.Configuration.TargetSettings Config(string results, int batchSizeRows = 50_000) =>
        new()
        {
            Domain = "test", Action = LoadAction.Insert, AllowFailures = true, ResultsFile = results, MaxParallelJobs = 1, BatchSizeRows = batchSizeRows,
        };

    private List<JObject> Results() => File.ReadAllLines(path).Select(JObject.Parse).ToList();

    [Test]
    public async Task Each_accepted_record_is_a_line_with_its_key_properties_id_and_whether_it_was_created_and_failed_ones_are_absent()
    {
        var loader = new InMemoryObjectLoader
        {
            FailRow = (record, _) => (string?)record["Name"] == "bad" ? new RowFailure(0, "INVALID_EMAIL_ADDRESS", "bad email") : null,
        };
        var run = new PipelineRun(Config(path), loader);

        var result = await run.RunAsync(
            ContactSchema,
            Lines.Record("contacts", new { @ref = 7, Email = "a@example.com", Name = "Ada" }),
            Lines.Record("contacts", new { @ref = 8, Email = "b@example.com", Name = "bad" }),
            Lines.Record("contacts", new { @ref = 9, Email = "c@example.com", Name = "Cy" }));

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Completed));
        var lines = Results();
        Assert.That(lines.Select(l => (long)l["line"]!), Is.EqualTo(new long[] { 2, 4 }));
        Assert.That(JToken.DeepEquals(lines[0], JObject.Parse("""
            {"stream":"contacts","line":2,"key":{"ref":7,"Email":"a@example.com"},"id":"%ID%","created":true}
            """.Replace("%ID%", (string)lines[0]["id"]!, StringComparison.Ordinal))), Is.True, lines[0].ToString());
        Assert.That(lines.Select(l => (string?)l["id"]), Is.Unique);
        Assert.That(lines.Select(l => (string?)l["id"]), Is.All.Not.Empty);
    }

    [Test]
    public async Task A_state_is_emitted_only_once_the_ids_of_every_record_before_it_are_in_the_file()
    {
        var states = new ResultsCountingStates(path);
        var pipeline = new LoadingPipeline(new InMemoryObjectLoader(), states, new PipelineRun(Config(path, batchSizeRows: 2)).Options,
            new CapturingLoggerFactory(), TimeProvider.System);

        await pipeline.RunAsync(Lines.Input(
            ContactSchema,
            Lines.Record("contacts", new { @ref = 1, Email = "a@example.com" }),
            Lines.Record("contacts", new { @ref = 2, Email = "b@example.com" }),
            Lines.State(new { at = 2 }),
            Lines.Record("contacts", new { @ref = 3, Email = "c@example.com" }),
            Lines.State(new { at = 3 })), lenient: false, CancellationToken.None);

        Assert.That(states.LinesAtEachState, Is.EqualTo(new[] { ("{\"at\":2}", 2), ("{\"at\":3}", 3) }));
    }

    [Test]
    public async Task Records_of_one_job_are_written_in_input_order_whatever_order_the_job_sent_them_in()
    {
        var run = new PipelineRun(Config(path));
        var input = new List<string> { ContactSchema };
        input.AddRange(Enumerable.Range(1, 30).Select(i => Lines.Record("contacts", new { @ref = i, Email = $"p{i}@example.com" })));

        await run.RunAsync(input.ToArray());

        Assert.That(Results().Select(l => (int)l["key"]!["ref"]!), Is.EqualTo(Enumerable.Range(1, 30)));
    }

    [Test]
    public async Task A_results_file_that_cannot_be_written_halts_the_run_naming_it_and_no_state_passes_the_records()
    {
        var directory = Directory.CreateTempSubdirectory("results-as-dir-").FullName;
        try
        {
            var run = new PipelineRun(Config(directory));

            var result = await run.RunAsync(
                ContactSchema, Lines.Record("contacts", new { @ref = 1, Email = "a@example.com" }), Lines.State(new { at = 1 }));

            Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Halted));
            Assert.That(result.Reason, Does.Contain("results_file").And.Contain(directory));
            Assert.That(run.States.States, Is.Empty);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public async Task A_dry_run_writes_no_results_file()
    {
        var run = new PipelineRun(Config(path), tune: options => options with { DryRun = true });

        await run.RunAsync(ContactSchema, Lines.Record("contacts", new { @ref = 1, Email = "a@example.com" }));

        Assert.That(File.Exists(path), Is.False);
    }

    /// <summary>At each state, how many lines the results file held.</summary>
    private sealed class ResultsCountingStates(string results) : IStateOutput
    {
        public List<(string State, int Lines)> LinesAtEachState { get; } = [];

        public void Write(string stateJson) =>
            LinesAtEachState.Add((stateJson, File.Exists(results) ? File.ReadAllLines(results).Length : 0));
    }
}

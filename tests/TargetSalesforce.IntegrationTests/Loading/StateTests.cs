using Newtonsoft.Json.Linq;
using SalesforceEmulator;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Loading;

/// <summary>A state line on stdout means the records before it are in the org.</summary>
internal sealed class StateTests : EmulatorTestBase
{
    // Slow enough that jobs are still processing while later records are read and states arrive.
    protected override EmulatorOptions CreateOptions() => new() { ProcessingRate = 200 };

    [Test]
    public async Task Every_state_line_comes_after_its_records_are_in_the_org()
    {
        var schema = SingerStream.ObjectSchema(new Dictionary<string, string> { ["External_Id__c"] = "string", ["Name"] = "string" });
        var input = new SingerStream().Schema("Account", schema);
        const int Records = 60;
        for (var i = 1; i <= Records; i++)
        {
            input.Record("Account", new { External_Id__c = $"A-{i:D3}", Name = $"Account {i}" });
            if (i % 10 == 0)
            {
                input.State(new { seen = i });
            }
        }

        var checkedStates = new List<int>();
        using var config = TargetConfig.For(Emulator.BaseUrl, new { action = "upsert", external_id_name = "External_Id__c", batch_size_rows = 10, max_parallel_jobs = 3 });
        var result = await TargetProcess.RunAsync(["--config", config.Path], input.ToString(), onStdoutLine: async line =>
        {
            var seen = JObject.Parse(line)["seen"]!.Value<int>();
            var inOrg = (await Org.QueryAsync("SELECT External_Id__c FROM Account")).Select(r => r["External_Id__c"]!.ToString()).ToHashSet();
            var expected = Enumerable.Range(1, seen).Select(i => $"A-{i:D3}");
            Assert.That(inOrg.IsSupersetOf(expected), Is.True, $"state {line} was emitted before its records were committed");
            checkedStates.Add(seen);
        });

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(checkedStates, Is.Not.Empty);
        Assert.That(checkedStates, Is.Ordered.Ascending);
        Assert.That(checkedStates.Last(), Is.EqualTo(Records));
    }
}

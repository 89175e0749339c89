using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Newcomer;

/// <summary>
/// The worked example of per-stream settings (examples/per-stream/, shown in the README): four
/// streams, three objects, upsert, insert and delete in one config. Run as shipped, with only the
/// login pointed at the emulator; also where the end-of-run summary is checked.
/// </summary>
internal sealed partial class PerStreamExampleTests : EmulatorTestBase
{
    private static string Folder => Path.Combine(RepoPaths.Examples, "per-stream");

    [Test]
    public async Task Each_stream_goes_to_its_object_with_its_action_and_the_summary_counts_them()
    {
        using var config = ExampleConfig();

        var result = await TargetProcess.RunAsync(["--config", config.Path], await File.ReadAllTextAsync(Path.Combine(Folder, "tap-output.singer")));

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var companies = (await Org.QueryAsync("SELECT External_Id__c, Name FROM Account ORDER BY External_Id__c")).Select(r => $"{r["External_Id__c"]}={r["Name"]}");
        Assert.That(companies, Is.EqualTo(new[] { "CO-1=Northwind Traders", "CO-2=Contoso Corporation" }), "upsert on External_Id__c: the later CO-2 updates it");
        var people = (await Org.QueryAsync("SELECT External_Id__c, LastName FROM Contact ORDER BY External_Id__c")).Select(r => $"{r["External_Id__c"]}={r["LastName"]}");
        Assert.That(people, Is.EqualTo(new[] { "P-1=Byron", "P-2=Turing" }));
        var leads = (await Org.QueryAsync("SELECT LastName, Company, Status FROM Lead")).Select(r => $"{r["LastName"]}@{r["Company"]}");
        Assert.That(leads, Is.EqualTo(new[] { "Hopper@Fabrikam" }), "the run's action (insert) for a stream without one");
        Assert.That(JToken.Parse(result.StdoutLines[^1])["bookmarks"]?["crm_companies"]?["version"]?.Value<int>(), Is.EqualTo(2));

        // The end-of-run summary: one line per stream and object, then the totals, jobs and time.
        // CO-2 comes twice before the buffer goes out. Without allow_failures every record is judged: the later one
        // goes in the job after the one naming CO-2, so both commit and none is superseded.
        Assert.That(result.Stderr, Does.Contain("Stream 'crm_companies' → Account: 3 read, 3 committed, 0 superseded, 0 failed"));
        Assert.That(result.Stderr, Does.Contain("Stream 'crm_people' → Contact: 2 read, 2 committed, 0 superseded, 0 failed"));
        Assert.That(result.Stderr, Does.Contain("Stream 'web_signups' → Lead: 1 read, 1 committed, 0 superseded, 0 failed"));
        var totals = TotalsLine().Match(result.Stderr);
        Assert.That(totals.Success, Is.True, result.Stderr);
        Assert.That(totals.Groups["jobs"].Value, Is.Not.EqualTo("0"));
        // States that settle together go out as the latest alone, so one or two lines, never none.
        Assert.That(totals.Groups["states"].Value, Is.EqualTo(result.StdoutLines.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(totals.Groups["committed"].Value, Is.EqualTo("6"));
        Assert.That(totals.Groups["superseded"].Value, Is.EqualTo("0"));
    }

    [Test]
    public async Task A_stream_with_action_delete_removes_the_records_it_names_by_Id()
    {
        using var config = ExampleConfig();
        var loaded = await TargetProcess.RunAsync(["--config", config.Path], await File.ReadAllTextAsync(Path.Combine(Folder, "tap-output.singer")));
        Assert.That(loaded.ExitCode, Is.Zero, loaded.ToString);
        var northwind = (string)(await Org.FindAsync("Account", "Id", "External_Id__c = 'CO-1'"))!["Id"]!;

        var removal = new SingerStream()
            .Schema("crm_companies_removed", SingerStream.ObjectSchema(new Dictionary<string, string> { ["Id"] = "string" }), "Id")
            .Record("crm_companies_removed", new { Id = northwind });
        var result = await TargetProcess.RunAsync(["--config", config.Path], removal.ToString());

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var left = (await Org.QueryAsync("SELECT External_Id__c FROM Account")).Select(r => (string)r["External_Id__c"]!);
        Assert.That(left, Is.EqualTo(new[] { "CO-2" }));
        Assert.That(result.Stderr, Does.Contain("Stream 'crm_companies_removed' → Account: 1 read, 1 committed, 0 superseded, 0 failed"));
    }

    /// <summary>examples/per-stream/target.json as shipped, logging in to the emulator instead of login.salesforce.com.</summary>
    private TargetConfig ExampleConfig()
    {
        var example = JObject.Parse(File.ReadAllText(Path.Combine(Folder, "target.json")));
        return TargetConfig.For(Emulator.BaseUrl, new
        {
            action = (string)example["action"]!,
            allow_failures = (bool)example["allow_failures"]!,
            streams = example["streams"],
        });
    }

    [GeneratedRegex(@"Completed: (?<read>\d+) records? read, (?<committed>\d+) committed, (?<superseded>\d+) superseded, (?<failed>\d+) failed, (?<unreached>\d+) not reached; (?<jobs>\d+) jobs?; (?<states>\d+) states? emitted; [\d.]+ s, \d+ records/s committed")]
    private static partial Regex TotalsLine();
}

using System.Text;
using Newtonsoft.Json.Linq;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.BadInput;

/// <summary>
/// Bad Singer input through the whole target: a line it cannot read halts the run naming the line; a
/// record that reads but cannot be loaded is a failed record naming its line and field; input that is
/// odd but valid loads exactly. Nothing is lost in any case.
/// </summary>
internal sealed class SingerInputTests : EmulatorTestBase
{
    public enum Expect
    {
        /// <summary>The run halts (exit 1) naming line 4.</summary>
        Halt,

        /// <summary>Line 4 is a failed record (reject file, log naming line 4); the rest loads.</summary>
        Rejected,

        /// <summary>Line 4 loads like any other record.</summary>
        Loaded,
    }

    private const string Prefix = """{"type":"RECORD","stream":"Account","record":{"External_Id__c":"A-00002",""";

    private static IEnumerable<TestCaseData> BadLines()
    {
        yield return new TestCaseData(Prefix + "\"Name\":\"cut sho", Expect.Halt, "JSON").SetName("A truncated line");
        yield return new TestCaseData(Prefix + "\"Name\":\"x\",\"Description\":" + new string('[', 5000) + new string(']', 5000) + "}}", Expect.Halt, "depth").SetName("JSON nested 5,000 deep");
        yield return new TestCaseData(Prefix + "\"Name\":\"x\",\"NumberOfEmployees\":1e400}}", Expect.Halt, "number").SetName("A number beyond double range");
        yield return new TestCaseData(Prefix + "\"Name\":\"x\",\"Name\":\"y\"}}", Expect.Halt, "Name").SetName("A duplicate key in a record");
        yield return new TestCaseData(Prefix + "\"Name\":\"x\",\"NumberOfEmployees\":792281625142643375935439503361}}", Expect.Rejected, "").SetName("An integer beyond decimal range");
        yield return new TestCaseData(Prefix + "\"Name\":\"x\",\"NumberOfEmployees\":\"NaN\"}}", Expect.Rejected, "NumberOfEmployees").SetName("A NaN-like string for an integer");
        yield return new TestCaseData(Prefix + "\"Name\":\"x\",\"NumberOfEmployees\":\"twelve\"}}", Expect.Rejected, "NumberOfEmployees").SetName("A string where the schema says integer");
        yield return new TestCaseData(Prefix + "\"Name\":42}}", Expect.Rejected, "Name").SetName("A number where the schema says string");
        yield return new TestCaseData(Prefix + "\"Name\":\"tab\\there \\u0001 bell\\u0007, \\\"quote\\\"\\r\\nnext line\"}}", Expect.Loaded, "").SetName("Control characters in a string");
        yield return new TestCaseData(Prefix + "\"Name\":\"x\",\"Description\":\"" + new string('z', 50 * 1024 * 1024) + "\"}}", Expect.Rejected, "STRING_TOO_LONG").SetName("A 50 MB line");
    }

    private static SingerStream Around(string badLine) =>
        new SingerStream().Schema("Account", AccountFeed.Schema)
            .Record("Account", new { External_Id__c = "A-00001", Name = "first" })
            .State(new { position = 1 })
            .Line(badLine)
            .Record("Account", new { External_Id__c = "A-00003", Name = "third" })
            .State(new { position = 3 });

    [TestCaseSource(nameof(BadLines))]
    public async Task A_bad_line_gets_a_clear_error_naming_it_and_loses_nothing(string badLine, Expect expect, string words)
    {
        var rejectFile = Path.Combine(Path.GetTempPath(), $"rejects-{Guid.NewGuid():N}.jsonl");
        var input = Around(badLine);
        try
        {
            var result = await RunTargetAsync(input, AccountFeed.Upsert(new { allow_failures = true, reject_file = rejectFile }));

            var log = result.Stderr;
            Assert.That(log, Has.Length.LessThan(100_000), "a bad line is quoted in part, never whole");
            switch (expect)
            {
                case Expect.Halt:
                    Assert.That(result.ExitCode, Is.EqualTo(1), log);
                    Assert.That(log, Does.Contain("line 4"));
                    Assert.That(log, Does.Contain(words).IgnoreCase);
                    Assert.That(result.StdoutLines, Has.None.Contains("\"position\":3"));
                    break;
                case Expect.Rejected:
                    Assert.That(result.ExitCode, Is.Zero, log);
                    Assert.That(log, Does.Contain("line 4"));
                    Assert.That(log, Does.Contain(words));
                    var reject = JObject.Parse((await File.ReadAllLinesAsync(rejectFile)).Single());
                    Assert.That((int)reject["line"]!, Is.EqualTo(4));
                    Assert.That(await Org.CountAsync("Account"), Is.EqualTo(2));
                    break;
                case Expect.Loaded:
                    Assert.That(result.ExitCode, Is.Zero, log);
                    Assert.That(await Org.CountAsync("Account"), Is.EqualTo(3));
                    // Line breaks go as LF in an LF job: CRLF and a lone CR arrive as LF, everything else exactly.
                    var expectedName = ((string?)JObject.Parse(badLine)["record"]!["Name"])!.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
                    Assert.That((string?)(await Org.FindAsync("Account", "Name", "External_Id__c = 'A-00002'"))!["Name"], Is.EqualTo(expectedName), "the value arrives exactly");
                    if (words.Length > 0)
                    {
                        Assert.That(log, Does.Contain(words), "the dropped field is named in a warning");
                    }

                    break;
            }

            await AccountingInvariant.AssertHoldsAsync(input.ToString(), result, Org, "Account", AccountFeed.Key, rejectFile);
        }
        finally
        {
            File.Delete(rejectFile);
        }
    }

    [Test]
    public async Task Invalid_utf8_halts_naming_the_line()
    {
        var before = new SingerStream().Schema("Account", AccountFeed.Schema)
            .Record("Account", new { External_Id__c = "A-00001", Name = "first" })
            .State(new { position = 1 }).ToString();
        var bad = Encoding.UTF8.GetBytes(Prefix + "\"Name\":\"caf").Concat(new byte[] { 0xC3, 0x28, 0xFF }).Concat(Encoding.UTF8.GetBytes("\"}}\n")).ToArray();
        using var config = TargetConfig.For(Emulator.BaseUrl, AccountFeed.Upsert());
        using var target = RunningTarget.Start(["--config", config.Path]);

        await target.WriteAsync(before);
        await target.WriteBytesAsync(bad);
        await target.WriteAsync("""{"type":"RECORD","stream":"Account","record":{"External_Id__c":"A-00003","Name":"third"}}""" + "\n");
        target.CloseInput();
        var result = await target.WaitAsync();

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.Stderr, Does.Contain("line 4").And.Contain("UTF-8"));
        Assert.That(await Org.CountAsync("Account", "External_Id__c = 'A-00003'"), Is.Zero, "nothing after the bad line is loaded");
        await AccountingInvariant.AssertHoldsAsync(before + """{"type":"RECORD","stream":"Account","record":{"External_Id__c":"A-00003","Name":"third"}}""" + "\n", result, Org, "Account", AccountFeed.Key, null);
    }

    [Test]
    public async Task A_stream_of_only_states_relays_them_without_logging_in()
    {
        var input = new SingerStream().State(new { a = 1 }).State(new { a = 2 }).State(new { a = 2 }).State(new { a = 3 });

        var result = await RunTargetAsync(input);

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(result.StdoutLines, Is.EqualTo(new[] { """{"a":1}""", """{"a":2}""", """{"a":3}""" }));
        Assert.That((int)(await Org.StatsAsync())["requests"]!["total"]!, Is.Zero, "no records: Salesforce is never called");
        await AccountingInvariant.AssertHoldsAsync(input.ToString(), result, Org, "Account", AccountFeed.Key, null);
    }

    [Test]
    public async Task An_empty_input_ends_cleanly_with_nothing_to_say()
    {
        var result = await RunTargetAsync(string.Empty);

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(result.Stdout, Is.Empty);
        Assert.That((int)(await Org.StatsAsync())["requests"]!["total"]!, Is.Zero);
        await AccountingInvariant.AssertHoldsAsync(string.Empty, result, Org, "Account", AccountFeed.Key, null);
    }
}

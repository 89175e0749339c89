using Newtonsoft.Json.Linq;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Loading;

/// <summary>
/// Valid and invalid records of one key read into one batch, in both orders. The org and the reject file must end
/// as a record-by-record load would leave them, which the tests take from the same target run one record per
/// job. With allow_failures a job sends only the last record of a key, and the one difference is stated, not
/// hidden: an invalid record replaced by a later valid one is superseded (never sent, so never judged), not
/// rejected. Without, every record is sent, a repeat in the job after, so the run halts where record by record would.
/// </summary>
internal sealed class RepeatedKeyTests : EmulatorTestBase
{
    private static readonly JObject ContactSchema = SingerStream.ObjectSchema(new Dictionary<string, string>
    {
        ["External_Id__c"] = "string", ["FirstName"] = "string", ["LastName"] = "string",
    });

    /// <summary>How a record of the tests is invalid.</summary>
    public enum Invalid
    {
        /// <summary>
        /// LastName longer than its 80 characters: refused by Salesforce on create and on update. (A null LastName no longer
        /// is: the target leaves a field that cannot be null as it is.)
        /// </summary>
        TooLongForItsField,

        /// <summary>LastName left out: refused by Salesforce when the upsert creates the row, fine when it updates one.</summary>
        LacksFieldACreateNeeds,

        /// <summary>LastName a number: refused by the target itself against the stream's schema.</summary>
        BreaksTheSchema,
    }

    private static object Valid(string key, string name) => new { External_Id__c = key, FirstName = "Valid", LastName = name };

    private static object Bad(string key, Invalid how) => how switch
    {
        Invalid.TooLongForItsField => new { External_Id__c = key, FirstName = "Overlong", LastName = new string('x', 81) },
        Invalid.LacksFieldACreateNeeds => new { External_Id__c = key, FirstName = "Partial" },
        _ => new { External_Id__c = key, FirstName = "Typed", LastName = (object)42 },
    };

    private static JObject Config(bool allowFailures, string rejectFile, object? more = null)
    {
        var values = JObject.FromObject(new { action = "upsert", external_id_name = "External_Id__c", allow_failures = allowFailures, reject_file = rejectFile, max_parallel_jobs = 1 });
        if (more is not null)
        {
            values.Merge(JObject.FromObject(more));
        }

        return values;
    }

    private static string TempFile() => Path.Combine(Path.GetTempPath(), $"rejects-{Guid.NewGuid():N}.jsonl");

    private async Task<string[]> OrgSnapshotAsync() =>
        (await Org.QueryAsync("SELECT External_Id__c, FirstName, LastName FROM Contact"))
        .Select(r => $"{r["External_Id__c"]}|{r["FirstName"]}|{r["LastName"]}").Order(StringComparer.Ordinal).ToArray();

    private static (long Line, string Code)[] RejectLines(string path) =>
        File.Exists(path) ? File.ReadAllLines(path).Select(JObject.Parse).Select(r => ((long)r["line"]!, (string)r["error_code"]!)).OrderBy(r => r.Item1).ToArray() : [];

    /// <summary>The same input through the same target, one record per job in input order: what a record-by-record load leaves.</summary>
    private async Task<(string[] Org, (long Line, string Code)[] Rejects, int ExitCode)> RecordByRecordAsync(SingerStream input, bool allowFailures)
    {
        await Org.PostAdminAsync("/__emulator/reset");
        var rejectFile = TempFile();
        try
        {
            var result = await RunTargetAsync(input, Config(allowFailures, rejectFile, new { batch_size_rows = 1 }));
            return (await OrgSnapshotAsync(), RejectLines(rejectFile), result.ExitCode);
        }
        finally
        {
            File.Delete(rejectFile);
        }
    }

    [Test]
    public async Task With_allow_failures_every_order_and_kind_of_invalid_record_ends_as_a_record_by_record_load_would_leave_it()
    {
        var input = new SingerStream().Schema("Contact", ContactSchema);
        var supersededInvalid = new Dictionary<long, long>(); // an invalid record's line → the valid later line that replaced it
        foreach (var how in Enum.GetValues<Invalid>())
        {
            input.Record("Contact", Valid($"VI-{how}", "Lovelace")).State(new { at = $"VI-{how}-valid" })
                .Record("Contact", Bad($"VI-{how}", how)).State(new { at = $"VI-{how}-invalid" });
            var invalidLine = input.NextLine;
            input.Record("Contact", Bad($"IV-{how}", how)).State(new { at = $"IV-{how}-invalid" });
            if (how != Invalid.BreaksTheSchema)
            {
                supersededInvalid[invalidLine] = input.NextLine;
            }

            input.Record("Contact", Valid($"IV-{how}", "Hopper")).State(new { at = $"IV-{how}-valid" });
        }

        // Three records of one key: the valid one, then two whose LastName is too long.
        input.Record("Contact", Valid("VII", "Turing")).Record("Contact", Bad("VII", Invalid.TooLongForItsField)).Record("Contact", Bad("VII", Invalid.TooLongForItsField))
            .State(new { at = "end" });
        var rejectFile = TempFile();
        try
        {
            var result = await RunTargetAsync(input, Config(allowFailures: true, rejectFile));

            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            Assert.That(result.StdoutLines[^1], Is.EqualTo("""{"at":"end"}"""));
            var fates = await AccountingInvariant.AssertHoldsAsync(input.ToString(), result, Org, "Contact", "External_Id__c", rejectFile);
            foreach (var (line, by) in supersededInvalid)
            {
                var fate = fates.Single(f => f.Line == line);
                Assert.That((fate.Fate, fate.SupersededBy), Is.EqualTo((Fate.Superseded, (long?)by)), $"the invalid record at line {line} was replaced by line {by} before it was sent");
            }

            var org = await OrgSnapshotAsync();
            var rejects = RejectLines(rejectFile);
            var reference = await RecordByRecordAsync(input, allowFailures: true);

            Assert.That(org, Is.EqualTo(reference.Org), "the org as a record-by-record load leaves it");
            Assert.That(rejects, Is.EqualTo(reference.Rejects.Where(r => !supersededInvalid.ContainsKey(r.Line)).ToArray()),
                "the reject file as a record-by-record load leaves it, but for the superseded records, which were never sent");
            Assert.That(org, Does.Contain("VI-TooLongForItsField|Valid|Lovelace"), "the valid record stays, as record by record");
            Assert.That(org, Does.Contain("VI-LacksFieldACreateNeeds|Partial|Lovelace"), "the partial record updated the row its valid predecessor created");
            Assert.That(org, Does.Contain("VII|Valid|Turing"));
            Assert.That(result.Stderr, Does.Contain("superseded"));
        }
        finally
        {
            File.Delete(rejectFile);
        }
    }

    [TestCase(Invalid.TooLongForItsField)]
    [TestCase(Invalid.LacksFieldACreateNeeds)]
    public async Task Without_allow_failures_a_valid_record_then_an_invalid_one_ends_as_record_by_record(Invalid how)
    {
        var input = new SingerStream().Schema("Contact", ContactSchema)
            .Record("Contact", Valid("OTHER", "Byron")).State(new { at = 1 })
            .Record("Contact", Valid("K", "Lovelace")).State(new { at = 2 });
        var invalidLine = input.NextLine;
        input.Record("Contact", Bad("K", how)).State(new { at = 3 });
        var rejectFile = TempFile();
        try
        {
            var result = await RunTargetAsync(input, Config(allowFailures: false, rejectFile));

            var org = await OrgSnapshotAsync();
            var rejects = RejectLines(rejectFile);
            await AccountingInvariant.AssertHoldsAsync(input.ToString(), result, Org, "Contact", "External_Id__c", rejectFile);
            var reference = await RecordByRecordAsync(input, allowFailures: false);

            Assert.That(org, Is.EqualTo(reference.Org));
            Assert.That(rejects, Is.EqualTo(reference.Rejects));
            Assert.That(result.ExitCode, Is.EqualTo(reference.ExitCode));
            if (how == Invalid.TooLongForItsField)
            {
                Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
                Assert.That(org, Does.Contain("K|Valid|Lovelace"), "the valid record was sent and committed before the invalid one went");
                Assert.That(rejects, Is.EqualTo(new[] { ((long)invalidLine, "STRING_TOO_LONG") }));
                Assert.That(result.Stderr, Does.Contain($"line {invalidLine}"));
                Assert.That(result.StdoutLines[^1], Is.EqualTo("""{"at":2}"""), "the state covers the valid record, not the failed one");
            }
            else
            {
                Assert.That(result.ExitCode, Is.Zero, "record by record, the partial record updates the row the valid one created");
                Assert.That(org, Does.Contain("K|Partial|Lovelace"));
                Assert.That(result.StdoutLines[^1], Is.EqualTo("""{"at":3}"""));
            }
        }
        finally
        {
            File.Delete(rejectFile);
        }
    }

    [TestCase(Invalid.TooLongForItsField)]
    [TestCase(Invalid.LacksFieldACreateNeeds)]
    public async Task Without_allow_failures_an_invalid_record_followed_by_a_valid_one_halts_the_run_as_record_by_record(Invalid how)
    {
        var input = new SingerStream().Schema("Contact", ContactSchema)
            .Record("Contact", Valid("OTHER", "Byron")).State(new { at = 1 });
        var invalidLine = input.NextLine;
        input.Record("Contact", Bad("K", how)).State(new { at = 2 });
        var validLine = input.NextLine;
        input.Record("Contact", Valid("K", "Hopper")).State(new { at = 3 });
        var rejectFile = TempFile();
        try
        {
            var result = await RunTargetAsync(input, Config(allowFailures: false, rejectFile));

            var org = await OrgSnapshotAsync();
            var rejects = RejectLines(rejectFile);
            var fates = await AccountingInvariant.AssertHoldsAsync(input.ToString(), result, Org, "Contact", "External_Id__c", rejectFile);
            var reference = await RecordByRecordAsync(input, allowFailures: false);

            // Both records of K go, the later in the job after: Salesforce refuses the first and the run stops there.
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
            Assert.That(result.ExitCode, Is.EqualTo(reference.ExitCode));
            Assert.That(org, Is.EqualTo(reference.Org));
            Assert.That(org, Is.EqualTo(new[] { "OTHER|Valid|Byron" }));
            Assert.That(rejects, Is.EqualTo(reference.Rejects));
            Assert.That(rejects, Is.EqualTo(new[] { ((long)invalidLine, how == Invalid.TooLongForItsField ? "STRING_TOO_LONG" : "REQUIRED_FIELD_MISSING") }));
            Assert.That(result.Stderr, Does.Contain($"line {invalidLine}"));
            Assert.That(result.StdoutLines[^1], Is.EqualTo("""{"at":1}"""), "the state covers the record before the refused one, nothing after it");
            Assert.That(fates.Single(f => f.Line == validLine).Fate, Is.EqualTo(Fate.NotReached), "the valid record after the halt is not reached, not superseded");
        }
        finally
        {
            File.Delete(rejectFile);
        }
    }
}

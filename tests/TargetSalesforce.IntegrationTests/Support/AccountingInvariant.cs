using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.IntegrationTests.Support;

/// <summary>
/// The promise every run keeps, checked record by record against what Salesforce itself answered (the
/// jobs' result files and the org's rows), not against the target's word. Each input record ends in one
/// of four places:
/// <list type="bullet">
/// <item>committed: a successful result row carries its values, and the org holds the last committed record of its key;</item>
/// <item>superseded by a named later record of its key that committed (it was replaced in its job and never sent);</item>
/// <item>failed: the reject file names its own line and record, and when the message is Salesforce's, a failed result
/// row with this record's values carries it;</item>
/// <item>not reached: the run stopped first, so it lies after the last state emitted, and a successful run has none.</item>
/// </list>
/// The counts in the target's closing summary must agree.
/// </summary>
internal static partial class AccountingInvariant
{
    /// <param name="input">The Singer input of the run.</param>
    /// <param name="result">The finished run.</param>
    /// <param name="org">The org the run loaded into (empty before it). Its fault plan is cleared: the check reads through the API.</param>
    /// <param name="objectName">The object every record went to.</param>
    /// <param name="keyField">The field that names each record's row (an external id); records may repeat it.</param>
    /// <param name="rejectFile">The run's reject file, or null when it had none.</param>
    /// <returns>What became of each record, by input line.</returns>
    public static async Task<IReadOnlyList<RecordFate>> AssertHoldsAsync(string input, TargetResult result, OrgClient org, string objectName, string keyField, string? rejectFile)
    {
        await org.DeleteAdminAsync("/__emulator/faults");
        var lines = InputLines(input);
        var records = lines.Where(l => IsRecord(l.Json)).Select(l => new InputRecord(l.Number, (JObject)l.Json["record"]!, KeyOf((JObject)l.Json["record"]!, keyField))).ToList();
        var rejects = Rejects(rejectFile, records);
        var server = await ServerResults.ReadAsync(org, objectName);
        var fields = server.Columns.Append(keyField).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var orgRows = (await org.QueryAsync($"SELECT {string.Join(", ", fields)} FROM {objectName}")).Cast<JObject>()
            .GroupBy(r => r.GetValue(keyField, StringComparison.OrdinalIgnoreCase)?.ToString() ?? string.Empty)
            .ToDictionary(g => g.Key, g => g.ToList());

        var fates = new List<RecordFate>();
        foreach (var key in records.GroupBy(r => r.Key))
        {
            fates.AddRange(FatesOfKey(key.Key, key.ToList(), rejects, server, keyField));
        }

        fates.Sort((a, b) => a.Line.CompareTo(b.Line));
        AssertFailedRecordsCarryTheirOwnMessages(fates, records, rejects, server, keyField);
        AssertOrgHoldsTheLastCommittedRecords(fates, records, orgRows, fields);
        AssertUnreachedRecordsLieAfterTheLastState(fates, lines, result);
        AssertSummaryAgrees(fates, result, rejectFile is not null);
        return fates;
    }

    /// <summary>
    /// A key's records, oldest first: each successful result row of the key is claimed by the latest record
    /// it matches; the reject file names the failed ones; a record neither is superseded when a later record
    /// of its key committed, else not reached.
    /// </summary>
    private static IEnumerable<RecordFate> FatesOfKey(string key, List<InputRecord> records, Dictionary<long, Reject> rejects, ServerResults server, string keyField)
    {
        var committed = new HashSet<long>();
        foreach (var row in server.Succeeded.Where(r => r.Cell(keyField) == key))
        {
            var claimant = records.LastOrDefault(r => !rejects.ContainsKey(r.Line) && !committed.Contains(r.Line) && RecordValues.MatchRow(r.Record, row));
            Assert.That(claimant, Is.Not.Null,
                $"Salesforce committed a row of key {key} in job {row.JobId} that no record of the input accounts for: {string.Join("|", row.Cells)}");
            committed.Add(claimant!.Line);
        }

        foreach (var record in records)
        {
            if (rejects.TryGetValue(record.Line, out var reject))
            {
                Assert.That(committed, Does.Not.Contain(record.Line), $"the record at line {record.Line} is both committed and reported as failed");
                yield return new RecordFate(record.Line, key, Fate.Failed, null, $"{reject.Code}: {reject.Message}");
            }
            else if (committed.Contains(record.Line))
            {
                yield return new RecordFate(record.Line, key, Fate.Committed, null, null);
            }
            else if (records.FirstOrDefault(r => r.Line > record.Line && committed.Contains(r.Line)) is { } later)
            {
                yield return new RecordFate(record.Line, key, Fate.Superseded, later.Line, null);
            }
            else
            {
                yield return new RecordFate(record.Line, key, Fate.NotReached, null, null);
            }
        }
    }

    private static void AssertFailedRecordsCarryTheirOwnMessages(List<RecordFate> fates, List<InputRecord> records, Dictionary<long, Reject> rejects, ServerResults server, string keyField)
    {
        foreach (var fate in fates.Where(f => f.Fate == Fate.Failed))
        {
            var reject = rejects[fate.Line];
            var record = records.Single(r => r.Line == fate.Line);
            var saidBySalesforce = server.Failed.Where(r => SaysTheSame(r.Error, reject)).ToList();
            if (saidBySalesforce.Count == 0)
            {
                continue; // the target's own refusal (an invalid record, a value it cannot encode)
            }

            Assert.That(saidBySalesforce.Any(r => r.Cell(keyField) == fate.Key && RecordValues.MatchRow(record.Record, r)), Is.True,
                $"the record at line {fate.Line} is reported failed with \"{reject.Code}: {reject.Message}\", which Salesforce said of another row, not of this record");
        }
    }

    private static void AssertOrgHoldsTheLastCommittedRecords(List<RecordFate> fates, List<InputRecord> records, Dictionary<string, List<JObject>> orgRows, List<string> fields)
    {
        foreach (var key in fates.GroupBy(f => f.Key))
        {
            var last = key.LastOrDefault(f => f.Fate == Fate.Committed);
            var rows = orgRows.GetValueOrDefault(key.Key) ?? [];
            if (last is null)
            {
                Assert.That(rows, Is.Empty, $"the org holds key {key.Key}, yet no record of it committed");
                continue;
            }

            var record = records.Single(r => r.Line == last.Line).Record;
            Assert.That(rows.Any(row => RecordValues.MatchOrg(record, row, fields)), Is.True,
                $"the org's row of key {key.Key} is not the last committed record of it (line {last.Line}): {string.Join(" | ", rows.Select(r => r.ToString(Formatting.None)))}");
        }
    }

    private static void AssertUnreachedRecordsLieAfterTheLastState(List<RecordFate> fates, List<InputLine> lines, TargetResult result)
    {
        // Where, in the input, the last emitted state stands: everything before it must be accounted for.
        var lastState = result.StdoutLines.Count > 0 ? JToken.Parse(result.StdoutLines[^1]) : null;
        var stateLine = lastState is null ? 0 : lines.LastOrDefault(l => IsState(l.Json) && JToken.DeepEquals(l.Json["value"], lastState))?.Number ?? -1;
        Assert.That(stateLine, Is.Not.EqualTo(-1), $"the emitted state {lastState?.ToString(Formatting.None)} is not a state of the input");

        var unreached = fates.Where(f => f.Fate == Fate.NotReached).ToList();
        foreach (var fate in unreached)
        {
            Assert.That(fate.Line, Is.GreaterThan(stateLine), $"the record at line {fate.Line} ({fate.Key}) is neither committed, superseded nor reported, yet the last state emitted lies after it");
        }

        if (result.ExitCode == 0)
        {
            Assert.That(unreached.Select(f => f.Line), Is.Empty, "a successful run left records neither committed, superseded nor reported");
        }
    }

    /// <summary>
    /// The target's closing counts against the records' fates. Exact for a completed run; a halted one may
    /// count as not reached records whose job it could not see through, so only failures compare exactly.
    /// </summary>
    private static void AssertSummaryAgrees(List<RecordFate> fates, TargetResult result, bool failuresKnown)
    {
        var match = Summary().Match(result.Stderr + "\n" + result.Stdout);
        if (!match.Success || match.Groups["outcome"].Value == "Cancelled")
        {
            return; // killed, refused before reading, or stopped by a signal part-way through a job
        }

        long Count(string name) => long.Parse(match.Groups[name].Value, System.Globalization.CultureInfo.InvariantCulture);
        long Fates(Fate fate) => fates.Count(f => f.Fate == fate);
        if (failuresKnown)
        {
            Assert.That(Count("failed"), Is.EqualTo(Fates(Fate.Failed)), "records the summary counts failed");
        }

        if (match.Groups["outcome"].Value == "Completed")
        {
            Assert.That(Count("read"), Is.EqualTo(fates.Count), "records read");
            Assert.That(Count("committed"), Is.EqualTo(Fates(Fate.Committed)), "records the summary counts committed");
            Assert.That(Count("superseded"), Is.EqualTo(Fates(Fate.Superseded)), "records the summary counts superseded");
            Assert.That(Count("unreached"), Is.Zero);
        }
        else
        {
            Assert.That(Count("committed") + Count("superseded"), Is.LessThanOrEqualTo(Fates(Fate.Committed) + Fates(Fate.Superseded)),
                "the summary counts more records loaded than Salesforce committed");
        }
    }

    private static bool SaysTheSame(string salesforceError, Reject reject) =>
        salesforceError.StartsWith(reject.Code + ":", StringComparison.Ordinal) && salesforceError.Contains(reject.Message, StringComparison.Ordinal);

    /// <summary>The reject file by line; each line names a record of the input and holds that record.</summary>
    private static Dictionary<long, Reject> Rejects(string? rejectFile, List<InputRecord> records)
    {
        var rejects = new Dictionary<long, Reject>();
        if (rejectFile is null || !File.Exists(rejectFile))
        {
            return rejects;
        }

        foreach (var text in File.ReadAllLines(rejectFile))
        {
            var reject = Parse(text);
            var line = (long)reject["line"]!;
            var record = records.FirstOrDefault(r => r.Line == line);
            Assert.That(record, Is.Not.Null, $"the reject file names line {line}, which is no record of the input");
            Assert.That(JToken.DeepEquals(reject["record"], record!.Record), Is.True, $"the reject line for line {line} holds another record: {reject["record"]}");
            Assert.That(rejects.TryAdd(line, new Reject((string)reject["error_code"]!, (string)reject["message"]!)), Is.True, $"line {line} is reported failed twice");
        }

        return rejects;
    }

    private static List<InputLine> InputLines(string input)
    {
        var texts = input.Split('\n');
        var count = texts.Length > 0 && texts[^1].Length == 0 ? texts.Length - 1 : texts.Length;
        return Enumerable.Range(0, count).Select(i => new InputLine(i + 1, ParseOrEmpty(texts[i].TrimEnd('\r')))).ToList();
    }

    private static string KeyOf(JObject record, string keyField) => record.GetValue(keyField, StringComparison.OrdinalIgnoreCase)?.ToString() ?? string.Empty;

    /// <summary>A line that is not JSON (bad input under test) carries no record and no state.</summary>
    private static JObject ParseOrEmpty(string line)
    {
        try
        {
            return Parse(line);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or OverflowException or InvalidCastException)
        {
            return [];
        }
    }

    private static JObject Parse(string text)
    {
        using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
        return JObject.Load(reader);
    }

    private static bool IsRecord(JObject line) => string.Equals((string?)line["type"], "RECORD", StringComparison.OrdinalIgnoreCase) && line["record"] is JObject;

    private static bool IsState(JObject line) => string.Equals((string?)line["type"], "STATE", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"(?<outcome>Completed|Halted|Cancelled): (?<read>\d+) records? read, (?<committed>\d+) committed, (?<superseded>\d+) superseded, (?<failed>\d+) failed, (?<unreached>\d+) not reached")]
    private static partial Regex Summary();

    private sealed record InputLine(long Number, JObject Json);

    private sealed record InputRecord(long Line, JObject Record, string Key);

    private sealed record Reject(string Code, string Message);
}

/// <summary>Where one input record ended.</summary>
internal enum Fate
{
    Committed,
    Superseded,
    Failed,
    NotReached,
}

/// <summary>What became of the record at <paramref name="Line"/>: superseded ones name the later record that replaced them, failed ones their error.</summary>
internal sealed record RecordFate(long Line, string Key, Fate Fate, long? SupersededBy, string? Error);

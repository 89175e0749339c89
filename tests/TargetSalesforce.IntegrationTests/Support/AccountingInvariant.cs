using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.IntegrationTests.Support;

/// <summary>
/// The promise every run keeps: each input record ends committed in the org, reported as failed
/// (in the reject file), or not reached because the run halted; and the last state emitted never
/// lies past a record that was not reached. Checked against the emulator's store, not the target's word.
/// </summary>
internal static class AccountingInvariant
{
    /// <param name="input">The Singer input of the run; records are identified by <paramref name="keyField"/>, unique per record.</param>
    /// <param name="result">The finished run.</param>
    /// <param name="org">The org the run loaded into.</param>
    /// <param name="objectName">The object every record went to.</param>
    /// <param name="keyField">A field that names each record uniquely (an external id).</param>
    /// <param name="rejectFile">The run's reject file, or null when it had none.</param>
    public static async Task AssertHoldsAsync(string input, TargetResult result, OrgClient org, string objectName, string keyField, string? rejectFile)
    {
        var lines = input.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ParseOrEmpty).ToList();
        var committed = (await org.QueryAsync($"SELECT {keyField} FROM {objectName}")).Select(r => r[keyField]!.ToString()).ToHashSet();
        var rejected = rejectFile is not null && File.Exists(rejectFile)
            ? (await File.ReadAllLinesAsync(rejectFile)).Select(l => JObject.Parse(l)["record"]![keyField]!.ToString()).ToHashSet()
            : [];

        var both = committed.Intersect(rejected).ToList();
        Assert.That(both, Is.Empty, "records both committed and reported as failed");

        // Where, in the input, the last emitted state stands: everything before it must be accounted for.
        var lastState = result.StdoutLines.Count > 0 ? JToken.Parse(result.StdoutLines[^1]) : null;
        var stateIndex = lastState is null ? -1 : lines.FindLastIndex(l => IsState(l) && JToken.DeepEquals(l["value"], lastState));
        if (lastState is not null)
        {
            Assert.That(stateIndex, Is.GreaterThanOrEqualTo(0), $"the emitted state {lastState.ToString(Formatting.None)} is not a state of the input");
        }

        var unreached = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (!IsRecord(lines[i]))
            {
                continue;
            }

            var key = lines[i]["record"]![keyField]!.ToString();
            if (committed.Contains(key) || rejected.Contains(key))
            {
                continue;
            }

            unreached.Add(key);
            Assert.That(i, Is.GreaterThan(stateIndex), $"record {key} (line {i + 1}) is neither committed nor reported, yet the last state emitted lies after it");
        }

        if (result.ExitCode == 0)
        {
            Assert.That(unreached, Is.Empty, "a successful run left records neither committed nor reported");
        }
    }

    /// <summary>A line that is not JSON (bad input under test) carries no record and no state.</summary>
    private static JObject ParseOrEmpty(string line)
    {
        try
        {
            return JObject.Parse(line);
        }
        catch (JsonReaderException)
        {
            return [];
        }
    }

    private static bool IsRecord(JObject line) => string.Equals((string?)line["type"], "RECORD", StringComparison.OrdinalIgnoreCase);

    private static bool IsState(JObject line) => string.Equals((string?)line["type"], "STATE", StringComparison.OrdinalIgnoreCase);
}

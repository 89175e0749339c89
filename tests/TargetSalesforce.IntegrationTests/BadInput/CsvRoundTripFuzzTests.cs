using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.BadInput;

/// <summary>
/// Random records encoded by the target's CSV writer and parsed by the emulator's own CSV reader (they
/// share no code) come back from the org equal: quotes, commas, line breaks, non-ASCII text, numbers.
/// </summary>
internal sealed class CsvRoundTripFuzzTests : EmulatorTestBase
{
    private const int Records = 300;

    private static readonly JObject Schema = JObject.Parse("""
        {"type":"object","properties":{
          "External_Id__c":{"type":"string"},"Name":{"type":"string"},"Description":{"type":["string","null"]},
          "Phone":{"type":["string","null"]},"NumberOfEmployees":{"type":["integer","null"]},"AnnualRevenue":{"type":["number","null"]}}}
        """);

    [TestCase(101)]
    [TestCase(202)]
    public async Task Random_records_come_back_from_the_org_equal(int seed)
    {
        var random = new Random(seed);
        var input = new SingerStream().Schema("Account", Schema);
        var sent = new Dictionary<string, JObject>();
        for (var i = 0; i < Records; i++)
        {
            var record = new JObject
            {
                ["External_Id__c"] = $"F-{seed}-{i:D4}",
                ["Name"] = Text(random, 1, 80),
                ["Description"] = Text(random, 1, 2000),
                ["Phone"] = Text(random, 1, 30),
                ["NumberOfEmployees"] = random.Next(-1_000_000, 1_000_000),
                // Account.AnnualRevenue has scale 0 in Salesforce: whole amounts, up to 15 digits.
                ["AnnualRevenue"] = Math.Round((decimal)(random.NextDouble() * 1e15), 0),
            };
            sent[(string)record["External_Id__c"]!] = record;
            input.Record("Account", record.ToString(Newtonsoft.Json.Formatting.None));
        }

        var result = await RunTargetAsync(input, AccountFeed.Upsert(new { batch_size_rows = 100 }));

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        await AccountingInvariant.AssertHoldsAsync(input.ToString(), result, Org, "Account", AccountFeed.Key, null);
        var back = (await Org.QueryAsync($"SELECT External_Id__c, Name, Description, Phone, NumberOfEmployees, AnnualRevenue FROM Account"))
            .ToDictionary(r => (string)r["External_Id__c"]!);
        Assert.That(back.Keys, Is.EquivalentTo(sent.Keys));
        foreach (var (key, record) in sent)
        {
            var row = back[key];
            foreach (var field in new[] { "Name", "Description", "Phone" })
            {
                Assert.That((string?)row[field], Is.EqualTo(AsLf((string)record[field]!)), $"{key}.{field}");
            }

            Assert.That(row["NumberOfEmployees"]!.Value<long>(), Is.EqualTo(record["NumberOfEmployees"]!.Value<long>()), $"{key}.NumberOfEmployees");
            Assert.That(row["AnnualRevenue"]!.Value<decimal>(), Is.EqualTo(record["AnnualRevenue"]!.Value<decimal>()), $"{key}.AnnualRevenue");
        }
    }

    /// <summary>Line breaks travel as LF in an LF job.</summary>
    private static string AsLf(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    /// <summary>Text heavy in what CSV must quote or escape, with non-ASCII and astral characters; never blank at the ends.</summary>
    private static string Text(Random random, int min, int max)
    {
        var length = random.Next(min, max + 1);
        var text = new StringBuilder(length);
        while (text.Length < length)
        {
            switch (random.Next(12))
            {
                case 0: text.Append('"'); break;
                case 1: text.Append(','); break;
                case 2: text.Append('\n'); break;
                case 3: text.Append("\r\n"); break;
                case 4: text.Append((char)random.Next(0xA0, 0x2FF)); break;
                case 5: text.Append(char.ConvertFromUtf32(random.Next(0x1F600, 0x1F64F))); break;
                case 6: text.Append((char)random.Next(0x4E00, 0x9FFF)); break;
                case 7: text.Append('\''); break;
                case 8: text.Append(' '); break;
                default: text.Append((char)random.Next(0x21, 0x7F)); break;
            }
        }

        // Leading or trailing blanks and a lone `#N/A` (Salesforce's "clear this field") are not data a CSV cell can carry.
        var value = text.ToString().Trim();
        return value.Length == 0 || value == "#N/A" ? "x" + value.ToString(CultureInfo.InvariantCulture) : value;
    }
}

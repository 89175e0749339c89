using System.Diagnostics.CodeAnalysis;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Singer;
using TargetSalesforce.Tests.Fuzz;
using TargetSalesforce.Tests.Support;

namespace TargetSalesforce.Tests.Singer;

/// <summary>
/// The fast RECORD path must read every line it takes exactly as the general (Newtonsoft) path reads
/// it, value types and decimal scales included, and must take the lines real taps write.
/// </summary>
public class RecordLineParserTests
{

    private static readonly string[] EdgeRecords =
    [
        "{\"id\":1,\"n\":\"x\"}",
        "{\"i\":-0,\"a\":0,\"b\":9223372036854775807,\"c\":-9223372036854775808,\"d\":9223372036854775808}",
        "{\"below\":-129,\"first\":-128,\"minus\":-1,\"last\":1023,\"above\":1024}", // around the shared small-integer boxes
        "{\"f\":1.50}",
        "{\"long18\":999999999999999999,\"neg18\":-99999999999999999,\"long19\":1000000000000000000,\"neg19\":-999999999999999999}",
        "{\"round\":9999999999999999999999999999.9,\"scale28\":0.0000000000000000000000000001,\"neg\":-999999999999999999999999999.9}",
        "{\"crlf\":\"a\\r\\nb\",\"empty\":\"\",\"ctrl\":\"\\u0000\\u001f\",\"ffff\":\"\\uffff\"}",
        "{\"g\":-0.0}",
        "{\"h\":0.1,\"i\":-12.000}",
        "{\"k\":123456789012345678901234567.8}",
        "{\"l\":1234567890123456789012345678901.5}",
        "{\"e\":1e5,\"E\":1E-3,\"x\":2.5e+2,\"big\":1e400,\"tiny\":1e-400}",
        "{\"zero\":01,\"hex\":0x1F}",
        "{\"s\":\"quote \\\" slash \\\\ \\/ tab \\t nl \\n uni \\u00e9 \\ud83d\\ude80\"}",
        "{\"lone\":\"\\ud800\"}",
        "{\"esc\\u0061ped\":1,\"escaped\":2}",
        "{\"a\":1,\"a\":2}",
        "{\"nested\":{\"x\":1.10,\"y\":[1,\"two\",null]},\"list\":[]}",
        "{\"dup_nested\":{\"x\":1,\"x\":2}}",
        "{\"t\":true,\"f\":false,\"n\":null}",
        "{}",
        "{ \"spaced\" : 1 , \"out\" : \"x\" }",
        "{\"date\":\"2024-01-01T00:00:00Z\",\"d\":\"2024-02-30\"}",
        "{\"nan\":NaN}",
        "{\"c\":1 /* comment */}",
        "{\"trailing\":1,}",
        "{'single':1}",
        "[1,2]",
        "\"text\"",
    ];

    private static readonly string[] EdgeEnvelopes =
    [
        "{\"type\":\"record\",\"stream\":\"s\",\"record\":{\"id\":1}}",
        "{\"record\":{\"id\":1},\"stream\":\"s\",\"type\":\"RECORD\"}",
        "{\"type\":\"RECORD\",\"stream\":\"s\",\"record\":{\"id\":1},\"time_extracted\":\"2024-01-01T00:00:00Z\",\"version\":3}",
        "{\"type\":\"RECORD\",\"stream\":\"s\",\"record\":{\"id\":1},\"extra\":{\"a\":1,\"a\":2}}",
        "{\"type\":\"RECORD\",\"stream\":\"s\",\"record\":{\"id\":1},\"type\":\"STATE\"}",
        "{\"type\":\"RECORD\",\"stream\":\"s\",\"stream\":\"t\",\"record\":{\"id\":1}}",
        "{\"type\":\"RECORD\",\"stream\":\"s\",\"record\":{\"id\":1},\"record\":{\"id\":2}}",
        "{\"type\":\"RECORD\",\"stream\":\"\",\"record\":{\"id\":1}}",
        "{\"type\":\"RECORD\",\"stream\":7,\"record\":{\"id\":1}}",
        "{\"type\":\"RECORD\",\"record\":{\"id\":1}}",
        "{\"type\":\"RECORD\",\"stream\":\"s\"}",
        "{\"type\":\"RECORD\",\"stream\":\"s\",\"record\":[1]}",
        "{\"type\":\"RECOR\\u0044\",\"stream\":\"s\",\"record\":{\"id\":1}}",
        "{\"type\":\"STATE\",\"value\":{\"a\":1}}",
        "{\"type\":\"SCHEMA\",\"stream\":\"s\",\"schema\":{},\"key_properties\":[]}",
        "{\"type\":\"RECORD\",\"stream\":\"s\",\"record\":{\"id\":1}} trailing",
        "{\"type\":\"RECORD\",\"stream\":\"s\",\"record\":{\"id\":1}}   ",
        "{\"type\":\"RECORD\",\"stream\":\"s\",\"record\":{\"id\":1}}{}",
        "{\"type\":\"RECORD\",\"stream\":\"s\",\"record\":{\"id\":1}",
        "\uFEFF{\"type\":\"RECORD\",\"stream\":\"s\",\"record\":{\"id\":1}}",
        "  {\"type\":\"RECORD\",\"stream\":\"s\",\"record\":{\"id\":1}}",
        "{\"type\":\"RECORD\",\"stream\":\"s\",\"record\":{\"u\":\"\uFFFF\"}}",
        "",
    ];

    [Test]
    public void Edge_cases_read_alike_on_both_paths()
    {
        var lines = EdgeRecords.Select(r => "{\"type\":\"RECORD\",\"stream\":\"s\",\"record\":" + r + "}").Concat(EdgeEnvelopes);
        var taken = 0;
        foreach (var line in lines)
        {
            taken += AssertSameAsGeneralPath(Encoding.UTF8.GetBytes(line), line) ? 1 : 0;
        }

        Assert.That(taken, Is.GreaterThan(10), "the fast path takes the plain records among them");
    }

    [Test]
    public void Every_conformance_line_reads_alike_and_plain_records_take_the_fast_path()
    {
        var records = 0;
        var taken = 0;
        foreach (var file in SharedFiles.ConformanceNames.Select(SharedFiles.Conformance))
        {
            foreach (var line in File.ReadLines(file))
            {
                var fast = AssertSameAsGeneralPath(Encoding.UTF8.GetBytes(line), line);
                if (line.Contains("\"RECORD\"", StringComparison.Ordinal))
                {
                    records++;
                    taken += fast ? 1 : 0;
                }
            }
        }

        Assert.That(records, Is.GreaterThan(50));
        Assert.That(taken, Is.GreaterThan(records / 2), "most conformance records are plain and read on the fast path");
    }

    [TestCase(11)]
    [TestCase(12345)]
    public void Random_and_damaged_lines_read_alike(int seed)
    {
        var mutator = new LineMutator(seed);
        var taken = 0;
        for (var i = 0; i < 3_000; i++)
        {
            var bytes = i % 3 == 0 ? Encoding.UTF8.GetBytes(mutator.ValidLine()) : mutator.MutatedLine();
            taken += AssertSameAsGeneralPath(bytes, $"case {i}") ? 1 : 0;
        }

        Assert.That(taken, Is.GreaterThan(300), "valid record lines take the fast path");
    }

    [Test]
    public void Records_of_one_layout_share_their_names_and_keep_their_own_values()
    {
        var parser = new RecordLineParser();
        var first = parser.TryParse("{\"type\":\"RECORD\",\"stream\":\"s\",\"record\":{\"id\":1,\"name\":\"a\"}}"u8, 1)!.Record;
        var second = parser.TryParse("{\"type\":\"RECORD\",\"stream\":\"s\",\"record\":{\"id\":2,\"name\":\"b\"}}"u8, 2)!.Record;
        var reordered = parser.TryParse("{\"type\":\"RECORD\",\"stream\":\"s\",\"record\":{\"name\":\"c\",\"id\":3}}"u8, 3)!.Record;

        Assert.That(first.ToJson(), Is.EqualTo("{\"id\":1,\"name\":\"a\"}"));
        Assert.That(second.ToJson(), Is.EqualTo("{\"id\":2,\"name\":\"b\"}"));
        Assert.That(reordered.ToJson(), Is.EqualTo("{\"name\":\"c\",\"id\":3}"));
        Assert.That(reordered["id"]!.Value<long>(), Is.EqualTo(3));
    }

    [Test]
    public void Records_read_one_after_another_keep_their_values_across_the_parsers_text_arrays()
    {
        // Enough records, of mixed sizes (one larger than a text array), that their text fills many of the parser's
        // arrays: each record must still read its own values when all of them are read at the end.
        var parser = new RecordLineParser();
        var lines = Enumerable.Range(0, 3000).Select(i =>
        {
            var note = i == 1501 ? new string('x', 40_000) : new string((char)('a' + (i % 26)), i % 97);
            var nested = i % 500 == 0 ? $$""","nested":{"n":{{i}}}""" : "";
            return $$"""{"id":{{i}},"name":"N-{{i}}é","note":"{{note}}","score":{{i}}.5,"ok":{{(i % 2 == 0 ? "true" : "false")}},"none":null{{nested}}}""";
        }).ToList();

        var records = lines.Select(line => parser.TryParseRecord(Encoding.UTF8.GetBytes(line))).ToList();

        for (var i = 0; i < lines.Count; i++)
        {
            Assert.That(records[i], Is.Not.Null, lines[i]);
            Assert.That(records[i]!.ToJson(), Is.EqualTo(JsonLine.ParseRecord(lines[i]).ToJson()), $"record {i}");
        }

        Assert.Multiple(() =>
        {
            Assert.That(records[42]!.FlatValueAt(1).IsUtf8Text, Is.True);
            Assert.That(Encoding.UTF8.GetString(records[42]!.FlatValueAt(1).Utf8Text), Is.EqualTo("N-42é"));
            Assert.That(records[42]!.FlatValueAt(3).Scalar, Is.EqualTo(42.5m));
            Assert.That(records[42]!.FlatValueAt(0).Scalar, Is.EqualTo(42L));
            Assert.That(records[500]!["nested"]!["n"]!.Value<long>(), Is.EqualTo(500));
        });
    }

    [Test]
    public void A_bare_record_line_reads_alike_on_both_paths()
    {
        var parser = new RecordLineParser();
        var taken = 0;
        foreach (var record in EdgeRecords)
        {
            if (parser.TryParseRecord(Encoding.UTF8.GetBytes(record)) is not { } fast)
            {
                continue;
            }

            taken++;
            var general = JsonLine.ParseRecord(record);
            Assert.That(fast.ToJson(), Is.EqualTo(general.ToJson()), record);
            for (var i = 0; i < fast.Count; i++)
            {
                AssertSameValue(fast.ValueAt(i), general.ValueAt(i), $"{record} / {fast.NameAt(i)}");
            }
        }

        Assert.That(taken, Is.GreaterThan(8));
        Assert.That(parser.TryParseRecord("{\"a\":1} {}"u8), Is.Null, "something after the record");
        Assert.That(parser.TryParseRecord("{\"a\":1,\"a\":2}"u8), Is.Null, "a duplicate name is the general path's to report");
    }

    /// <summary>True when the fast path took the line; fails when its reading differs from the general path's.</summary>
    [SuppressMessage("Design", "CA1031", Justification = "Any exception of the general path fails the test, naming the line.")]
    private static bool AssertSameAsGeneralPath(byte[] bytes, string what)
    {
        var fast = new RecordLineParser().TryParse(bytes, 7);
        if (fast is null)
        {
            return false;
        }

        var reader = new MessageReader(NullLogger.Instance, lenient: false);
        SingerMessage? general;
        try
        {
            general = reader.Parse(new UTF8Encoding(false, true).GetString(bytes), 7);
        }
        catch (Exception exception)
        {
            Assert.Fail($"the fast path took a line the general path refuses ({exception.Message}): {what}");
            return true;
        }

        Assert.That(general, Is.TypeOf<RecordMessage>(), what);
        var expected = (RecordMessage)general!;
        Assert.That(fast.Line, Is.EqualTo(expected.Line), what);
        Assert.That(fast.Stream, Is.EqualTo(expected.Stream), what);
        Assert.That(fast.Record.Count, Is.EqualTo(expected.Record.Count), what);
        for (var i = 0; i < fast.Record.Count; i++)
        {
            Assert.That(fast.Record.NameAt(i), Is.EqualTo(expected.Record.NameAt(i)), what);
            AssertSameValue(fast.Record.ValueAt(i), expected.Record.ValueAt(i), $"{what} / {fast.Record.NameAt(i)}");
        }

        return true;
    }

    private static void AssertSameValue(JToken fast, JToken general, string what)
    {
        Assert.That(fast.Type, Is.EqualTo(general.Type), what);
        Assert.That(JToken.DeepEquals(fast, general), Is.True, what);
        if (fast is JValue fastValue && general is JValue generalValue)
        {
            Assert.That(fastValue.Value?.GetType(), Is.EqualTo(generalValue.Value?.GetType()), what);
            Assert.That(Convert.ToString(fastValue.Value, System.Globalization.CultureInfo.InvariantCulture),
                Is.EqualTo(Convert.ToString(generalValue.Value, System.Globalization.CultureInfo.InvariantCulture)), $"{what}: the same text, decimal scale included");
        }
        else
        {
            Assert.That(fast.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo(general.ToString(Newtonsoft.Json.Formatting.None)), what);
        }
    }
}

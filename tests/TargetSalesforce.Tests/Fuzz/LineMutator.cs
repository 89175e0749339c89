using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Tests.Fuzz;

/// <summary>
/// Seeded random Singer lines, valid and broken: the kinds of damage a pipe, a tap or a disk does to
/// a line (cut short, bytes flipped, invalid UTF-8, control characters, deep nesting, numbers out of
/// range, duplicate keys). A mutated line never holds a line break, so its line number stays known.
/// </summary>
internal sealed class LineMutator(int seed)
{
    private static readonly string[] Junk =
    [
        "NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1e-400", "79228162514264337593543950336", "0x1F", "undefined",
        "\"\\u0000\"", "\"\\ud800\"", "{}", "[]", "null", "true", "\"\u0001\u0007\"", "\"\\\"", "{\"a\":1,\"a\":2}", ",", ":", "}", "]",
    ];

    private readonly Random random = new(seed);

    public Random Random => random;

    /// <summary>A valid message line: SCHEMA, RECORD or STATE of stream `s`.</summary>
    public string ValidLine()
    {
        return random.Next(6) switch
        {
            0 => new JObject
            {
                ["type"] = "SCHEMA",
                ["stream"] = "s",
                ["key_properties"] = new JArray("id"),
                ["schema"] = new JObject
                {
                    ["type"] = "object",
                    ["properties"] = new JObject
                    {
                        ["id"] = new JObject { ["type"] = "integer" },
                        ["name"] = new JObject { ["type"] = new JArray("string", "null") },
                        ["amount"] = new JObject { ["type"] = new JArray("number", "null") },
                    },
                },
            }.ToString(Formatting.None),
            1 => new JObject { ["type"] = "STATE", ["value"] = new JObject { ["at"] = random.Next(1000) } }.ToString(Formatting.None),
            _ => new JObject
            {
                ["type"] = "RECORD",
                ["stream"] = "s",
                ["record"] = new JObject { ["id"] = random.Next(1000), ["name"] = RandomText(12), ["amount"] = random.Next(100000) / 100m },
            }.ToString(Formatting.None),
        };
    }

    /// <summary>A valid line damaged in one to three random ways, as bytes (the damage may break UTF-8).</summary>
    public byte[] MutatedLine() => MutatedLine(ValidLine());

    /// <summary><paramref name="line"/> damaged in one to three random ways.</summary>
    public byte[] MutatedLine(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line).ToList();
        var rounds = 1 + random.Next(3);
        for (var i = 0; i < rounds; i++)
        {
            Mutate(bytes);
        }

        // Line breaks would split the line and shift every later line number: keep them out.
        return bytes.Select(b => b is (byte)'\n' or (byte)'\r' ? (byte)' ' : b).ToArray();
    }

    private void Mutate(List<byte> bytes)
    {
        var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
        switch (random.Next(9))
        {
            case 0: // cut short, as a pipe closed mid-write
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case 1: // a random byte, often not UTF-8
                if (bytes.Count > 0)
                {
                    bytes[at] = (byte)random.Next(256);
                }

                break;
            case 2: // a byte dropped
                if (bytes.Count > 0)
                {
                    bytes.RemoveAt(at);
                }

                break;
            case 3: // a token of trouble inserted
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(Junk[random.Next(Junk.Length)]));
                break;
            case 4: // raw control characters
                bytes.Insert(at, (byte)random.Next(0, 32));
                break;
            case 5: // deep nesting
                var depth = 50 + random.Next(5000);
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', random.Next(2) == 0 ? depth : depth / 2)));
                break;
            case 6: // an invalid UTF-8 sequence: a lone continuation byte, an overlong form, a surrogate
                byte[][] invalid = [[0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF]];
                bytes.InsertRange(at, invalid[random.Next(invalid.Length)]);
                break;
            case 7: // a duplicated span (duplicate keys, doubled braces)
                var length = Math.Min(bytes.Count - at, 1 + random.Next(20));
                bytes.InsertRange(at, bytes.GetRange(at, length));
                break;
            default: // a number far out of range
                var digits = 1 + random.Next(400);
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(new string('9', digits) + (random.Next(2) == 0 ? ".5" : "e" + random.Next(-500, 500))));
                break;
        }
    }

    public string RandomText(int maxLength)
    {
        var length = random.Next(maxLength + 1);
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(random.Next(10) switch
            {
                0 => '"',
                1 => ',',
                2 => '\n',
                3 => (char)random.Next(0x80, 0x800),
                4 => '\\',
                _ => (char)random.Next(0x20, 0x7F),
            });
        }

        return text.ToString();
    }
}

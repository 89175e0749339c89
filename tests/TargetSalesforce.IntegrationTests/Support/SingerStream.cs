using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.IntegrationTests.Support;

/// <summary>Builds Singer input line by line for a test.</summary>
internal sealed class SingerStream
{
    private readonly List<string> lines = [];

    public SingerStream Schema(string stream, object schema, params string[] keyProperties)
    {
        lines.Add(Compact(new JObject
        {
            ["type"] = "SCHEMA",
            ["stream"] = stream,
            ["schema"] = JToken.FromObject(schema),
            ["key_properties"] = new JArray(keyProperties),
        }));
        return this;
    }

    public SingerStream Record(string stream, object record)
    {
        lines.Add(Compact(new JObject { ["type"] = "RECORD", ["stream"] = stream, ["record"] = JToken.FromObject(record) }));
        return this;
    }

    public SingerStream Record(string stream, string recordJson)
    {
        lines.Add(Compact(new JObject { ["type"] = "RECORD", ["stream"] = stream, ["record"] = JObject.Parse(recordJson) }));
        return this;
    }

    public SingerStream State(object value)
    {
        lines.Add(Compact(new JObject { ["type"] = "STATE", ["value"] = JToken.FromObject(value) }));
        return this;
    }

    public SingerStream Line(string raw)
    {
        lines.Add(raw);
        return this;
    }

    /// <summary>The 1-based line number the next line will have.</summary>
    public int NextLine => lines.Count + 1;

    public override string ToString() => string.Join('\n', lines) + "\n";

    /// <summary>A schema whose properties are all nullable strings, plus the given typed ones.</summary>
    public static JObject ObjectSchema(IDictionary<string, string> typedProperties)
    {
        var properties = new JObject();
        foreach (var (name, type) in typedProperties)
        {
            properties[name] = type switch
            {
                "date" => new JObject { ["type"] = new JArray("string", "null"), ["format"] = "date" },
                "date-time" => new JObject { ["type"] = new JArray("string", "null"), ["format"] = "date-time" },
                _ => new JObject { ["type"] = new JArray(type, "null") },
            };
        }

        return new JObject { ["type"] = "object", ["properties"] = properties };
    }

    private static string Compact(JToken token) => token.ToString(Formatting.None);
}

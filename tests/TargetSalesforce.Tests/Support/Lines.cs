using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Tests.Support;

/// <summary>Builds Singer message lines for tests.</summary>
internal static class Lines
{
    /// <summary>A SCHEMA whose properties are given as name → JSON type (e.g. "integer", "string").</summary>
    public static string Schema(string stream, string[] keys, params (string Name, string Type)[] properties) =>
        new JObject
        {
            ["type"] = "SCHEMA",
            ["stream"] = stream,
            ["key_properties"] = new JArray(keys),
            ["schema"] = new JObject
            {
                ["type"] = "object",
                ["properties"] = new JObject(properties.Select(p => new JProperty(p.Name, new JObject { ["type"] = p.Type }))),
            },
        }.ToString(Formatting.None);

    public static string Record(string stream, object record) =>
        new JObject { ["type"] = "RECORD", ["stream"] = stream, ["record"] = JObject.FromObject(record) }.ToString(Formatting.None);

    public static string State(object value) =>
        new JObject { ["type"] = "STATE", ["value"] = JToken.FromObject(value) }.ToString(Formatting.None);

    public static MemoryStream Input(params string[] lines) =>
        new(Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n"))));
}

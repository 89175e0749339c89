using System.Collections;
using System.Globalization;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Logging;

/// <summary>
/// A logged value (a message's property, a metric's tag) as JSON, without reflection over its type, so the native
/// build (Native AOT) writes the same lines: JSON's own kinds as themselves, a dictionary as an object, a list as an
/// array, anything else as its invariant text.
/// </summary>
internal static class LogValueJson
{
    public static JToken From(object? value) => value switch
    {
        null => JValue.CreateNull(),
        JToken token => token,
        string or bool or char => new JValue(value),
        sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal => new JValue(value),
        DateTime or DateTimeOffset or TimeSpan or Guid or Uri => new JValue(value),
        Enum => new JValue(value.ToString()),
        IDictionary map => FromDictionary(map),
        IEnumerable list => new JArray(list.Cast<object?>().Select(From)),
        IFormattable formattable => new JValue(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => new JValue(value.ToString()),
    };

    private static JObject FromDictionary(IDictionary map)
    {
        var json = new JObject();
        foreach (DictionaryEntry entry in map)
        {
            json[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? ""] = From(entry.Value);
        }

        return json;
    }

    public static JObject FromPairs(IEnumerable<KeyValuePair<string, object?>> pairs)
    {
        var json = new JObject();
        foreach (var (key, value) in pairs)
        {
            json[key] = From(value);
        }

        return json;
    }
}

using Newtonsoft.Json.Linq;
using TargetSalesforce.Destination;

namespace TargetSalesforce.Tests.Support;

/// <summary>A record view written back as JSON, for test writers that keep what they were given.</summary>
internal static class RecordViewJson
{
    public static JObject ToJObject(IRecordView record)
    {
        var json = new JObject();
        for (var i = 0; i < record.Count; i++)
        {
            json.Add(record.NameAt(i), ToToken(record.ValueAt(i)));
        }

        return json;
    }

    private static JToken ToToken(RecordValue value) => value.Kind switch
    {
        ValueKind.Null => JValue.CreateNull(),
        ValueKind.Object => ToJObject(value.Object!),
        ValueKind.Array => new JArray(value.Items!.Select(ToToken)),
        ValueKind.Unsupported => JValue.CreateUndefined(),
        _ => new JValue(value.Scalar),
    };
}

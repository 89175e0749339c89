using Newtonsoft.Json.Linq;
using TargetSalesforce.Destination;
using TargetSalesforce.Singer;

namespace TargetSalesforce.Loading.Buffering;

/// <summary>
/// What a stream's schema says the writer will see: its top-level properties, with nested objects
/// named as `Parent.Child` (a relationship looked up by the child key) and Singer's own `_sdc_*`
/// metadata left out, since no Salesforce object has such fields.
/// </summary>
internal static class StreamShapes
{
    private const string SingerMetadataPrefix = "_sdc_";

    public static StreamShape From(SchemaMessage message)
    {
        var properties = new List<string>();
        if (message.Schema["properties"] is JObject declared)
        {
            foreach (var property in declared.Properties())
            {
                if (property.Name.StartsWith(SingerMetadataPrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                if (property.Value is JObject { } propertySchema && propertySchema["properties"] is JObject { HasValues: true } children)
                {
                    properties.AddRange(children.Properties().Select(child => $"{property.Name}.{child.Name}"));
                }
                else
                {
                    properties.Add(property.Name);
                }
            }
        }

        return new StreamShape(message.Stream, properties, message.KeyProperties);
    }
}

using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Salesforce.Describe;

/// <summary>Reads the sObject describe JSON; unknown properties are ignored, missing flags read as false.</summary>
internal static class DescribeParser
{
    public static ObjectDescribe Parse(string json, string source)
    {
        JObject root;
        try
        {
            root = JObject.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{source}: the describe is not a JSON object ({ex.Message}).", ex);
        }

        var name = (string?)root["name"];
        if (string.IsNullOrEmpty(name) || root["fields"] is not JArray fields)
        {
            throw new FormatException($"{source}: the describe has no `name` or no `fields` list.");
        }

        var list = new List<FieldDescribe>(fields.Count);
        foreach (var field in fields.OfType<JObject>())
        {
            var fieldName = (string?)field["name"];
            if (string.IsNullOrEmpty(fieldName))
            {
                continue;
            }

            list.Add(new FieldDescribe(
                fieldName,
                ((string?)field["type"] ?? "string").ToLowerInvariant(),
                Flag(field, "createable"),
                Flag(field, "updateable"),
                Flag(field, "nillable"),
                Flag(field, "defaultedOnCreate"),
                Flag(field, "externalId"),
                Flag(field, "idLookup"),
                (string?)field["relationshipName"],
                field["referenceTo"] is JArray to ? to.Select(t => (string)t!).ToList() : [])
            {
                MasterDetail = Flag(field, "cascadeDelete") || field["relationshipOrder"]?.Type == JTokenType.Integer,
                CompoundFieldName = field["compoundFieldName"]?.Type == JTokenType.String ? (string?)field["compoundFieldName"] : null,
            });
        }

        // Object flags that are absent read as allowed: the load itself is the final judge.
        return new ObjectDescribe(name, list, ObjectFlag(root, "createable"), ObjectFlag(root, "updateable"), ObjectFlag(root, "deletable"));
    }

    private static bool ObjectFlag(JObject root, string name) => root[name]?.Type != JTokenType.Boolean || (bool)root[name]!;

    private static bool Flag(JObject field, string name) => field[name]?.Type == JTokenType.Boolean && (bool)field[name]!;
}

using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using TargetSalesforce.Salesforce.Csv;
using TargetSalesforce.Salesforce.Describe;

namespace TargetSalesforce.Salesforce.Collections;

/// <summary>
/// The JSON records of an sObject Collections call, made from the writer's own CSV cells, so a value means
/// the same by REST as by Bulk: an empty cell leaves the field untouched (omitted), `#N/A` clears it (JSON
/// null; for a relationship, its lookup field), a relationship by external id becomes a nested object
/// (`"Account": {"External_Id__c": "A-1"}`; a polymorphic one with its type, `"What": {"attributes": {"type": "Account"}, …}`), booleans and numbers take their JSON types by the field's describe
/// type, and everything else (dates and date-times already in ISO form) stays a string.
/// </summary>
internal static partial class CollectionBody
{
    /// <summary>`{"allOrNone": false, "records": [{"attributes": {"type": …}, …}, …]}` for create, update and upsert.</summary>
    public static byte[] Records(FieldMap map, IReadOnlyList<string[]> rows)
    {
        var text = new StringBuilder(256 * rows.Count);
        using (var writer = new JsonTextWriter(new StringWriter(text)) { Formatting = Formatting.None })
        {
            writer.WriteStartObject();
            writer.WritePropertyName("allOrNone");
            writer.WriteValue(false); // each record stands alone, as in a Bulk job
            writer.WritePropertyName("records");
            writer.WriteStartArray();
            foreach (var row in rows)
            {
                WriteRecord(writer, map, row);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void WriteRecord(JsonWriter writer, FieldMap map, string[] cells)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("attributes");
        writer.WriteStartObject();
        writer.WritePropertyName("type");
        writer.WriteValue(map.ObjectName);
        writer.WriteEndObject();
        for (var i = 0; i < map.Columns.Count; i++)
        {
            var cell = cells[i];
            if (cell.Length == 0)
            {
                continue; // absent from the record: left as it is
            }

            var column = map.Columns[i];
            var clears = cell == RecordEncoder.NullMarker;
            if (column.NestedKey is { } nestedKey && !column.Compound)
            {
                if (clears)
                {
                    writer.WritePropertyName(column.LookupField ?? column.Header);
                    writer.WriteNull();
                    continue;
                }

                var relationship = column.Header[..column.Header.IndexOf('.', StringComparison.Ordinal)];
                writer.WritePropertyName(relationship[(relationship.IndexOf(':', StringComparison.Ordinal) + 1)..]);
                writer.WriteStartObject();
                if (column.PolymorphicType is { } type)
                {
                    // A polymorphic lookup names its parent's type as REST does: "What": {"attributes": {"type": "Account"}, …}.
                    writer.WritePropertyName("attributes");
                    writer.WriteStartObject();
                    writer.WritePropertyName("type");
                    writer.WriteValue(type);
                    writer.WriteEndObject();
                }

                writer.WritePropertyName(nestedKey);
                WriteValue(writer, column.Field, cell);
                writer.WriteEndObject();
                continue;
            }

            writer.WritePropertyName(column.Header);
            if (clears)
            {
                writer.WriteNull();
            }
            else
            {
                WriteValue(writer, column.Field, cell);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>A cell as the JSON type its field takes; the text is already converted for that field (ValueConverter).</summary>
    private static void WriteValue(JsonWriter writer, FieldDescribe field, string cell)
    {
        switch (field.Type)
        {
            case "boolean" when cell is "true" or "false":
                writer.WriteValue(cell == "true");
                break;
            case "int" or "long" or "double" or "currency" or "percent" when PlainNumber().IsMatch(cell):
                writer.WriteRawValue(cell); // every digit as converted, never through a double
                break;
            default:
                writer.WriteValue(cell);
                break;
        }
    }

    /// <summary>A number JSON can carry as it is (NumberText writes no exponent and no plus sign).</summary>
    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainNumber();

    /// <summary>The delete call's query: `ids=001…,001…&amp;allOrNone=false`.</summary>
    public static string DeleteQuery(IEnumerable<string> ids) =>
        "ids=" + string.Join(",", ids.Select(Uri.EscapeDataString)) + "&allOrNone=false";
}

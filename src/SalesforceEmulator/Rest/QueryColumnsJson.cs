using System.Text.Json;
using SalesforceEmulator.Org;
using SalesforceEmulator.Rest.Soql;

namespace SalesforceEmulator.Rest;

/// <summary>
/// The answer to `query?q=…&amp;columns=true`: the columns a query selects, not its rows. The REST API does not document
/// the parameter, but the Salesforce CLI's `sf data query` asks it after every query that found rows (to lay out its
/// table and CSV) and fails when `columnMetadata` is missing. The shape follows the QueryResultMetadata type the
/// CLI's own type library declares; a parent's fields come as the joinColumns of a column named by the relationship.
/// </summary>
public static class QueryColumnsJson
{
    public static void Write(Utf8JsonWriter writer, SoqlResult result)
    {
        var schema = result.Schema;
        writer.WriteStartObject();
        writer.WriteStartArray("columnMetadata");
        WriteLevel(writer, result.Columns.Select(c => (Column: c, Depth: 0)).ToList(), "");
        writer.WriteEndArray();
        writer.WriteString("entityName", schema.Name);
        writer.WriteBoolean("groupBy", false);
        writer.WriteBoolean("idSelected", result.Columns.Any(c => c.Hops.Count == 0 && c.Field.Ordinal == SObjectSchema.IdOrdinal));
        writer.WriteString("keyPrefix", schema.KeyPrefix);
        writer.WriteEndObject();
    }

    /// <summary>
    /// The columns at one depth of their paths: a field of this level as itself, the fields of a parent (Account.Name)
    /// under one column named by the relationship whose joinColumns hold them, which the CLI joins into "Account.Name".
    /// </summary>
    private static void WriteLevel(Utf8JsonWriter writer, List<(SoqlColumn Column, int Depth)> columns, string prefix)
    {
        var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (column, depth) in columns)
        {
            if (depth == column.Hops.Count)
            {
                if (written.Add(column.Field.Name))
                    WriteColumn(writer, column.Field, prefix + column.Field.Name, []);
                continue;
            }
            var lookup = column.Hops[depth];
            var relationship = lookup.Definition.RelationshipName!;
            if (!written.Add(relationship + "."))
                continue;
            var below = columns.Where(c => c.Depth < c.Column.Hops.Count && c.Column.Hops[c.Depth] == lookup)
                .Select(c => (c.Column, c.Depth + 1)).ToList();
            WriteColumn(writer, lookup, prefix + relationship, below, relationship, column.HopTables[depth].Schema.Name);
        }
    }

    private static void WriteColumn(Utf8JsonWriter writer, SObjectField field, string displayName, List<(SoqlColumn Column, int Depth)> joined,
        string? relationship = null, string? parentObject = null)
    {
        writer.WriteStartObject();
        writer.WriteBoolean("aggregate", false);
        writer.WriteString("apexType", parentObject ?? ApexType(field.Type));
        writer.WriteBoolean("booleanType", relationship is null && field.Type == FieldType.Boolean);
        writer.WriteString("columnName", relationship ?? field.Name);
        writer.WriteBoolean("custom", field.Custom);
        writer.WriteString("displayName", displayName);
        writer.WriteNull("foreignKeyName");
        writer.WriteBoolean("insertable", field.Createable);
        writer.WriteStartArray("joinColumns");
        if (joined.Count > 0)
            WriteLevel(writer, joined, displayName + ".");
        writer.WriteEndArray();
        writer.WriteBoolean("numberType", relationship is null && field.Type.IsNumeric());
        writer.WriteBoolean("textType", relationship is null && field.Type.IsText());
        writer.WriteBoolean("updatable", field.Updateable);
        writer.WriteEndObject();
    }

    /// <summary>The Apex type a field reads as (number fields read as Decimal in Apex, whatever their scale).</summary>
    private static string ApexType(FieldType type) => type switch
    {
        FieldType.Id or FieldType.Reference => "Id",
        FieldType.Boolean => "Boolean",
        FieldType.Int => "Integer",
        FieldType.Double or FieldType.Currency or FieldType.Percent => "Decimal",
        FieldType.Date => "Date",
        FieldType.DateTime => "Datetime",
        _ => "String",
    };
}

using System.Text.Json;
using SalesforceEmulator.Org;
using SalesforceEmulator.Rest.Soql;

namespace SalesforceEmulator.Rest;

/// <summary>
/// The answer to `query?q=…&amp;columns=true`: the columns a query selects, not its rows. The REST API does not document
/// the parameter, but the Salesforce CLI's `sf data query` asks it after every query that found rows (to lay out its
/// table and CSV) and fails when `columnMetadata` is missing. The shape follows the QueryResultMetadata type the
/// CLI's own type library declares.
/// </summary>
public static class QueryColumnsJson
{
    public static void Write(Utf8JsonWriter writer, SoqlResult result)
    {
        var schema = result.Schema;
        writer.WriteStartObject();
        writer.WriteStartArray("columnMetadata");
        foreach (var field in result.Fields)
            WriteColumn(writer, field);
        writer.WriteEndArray();
        writer.WriteString("entityName", schema.Name);
        writer.WriteBoolean("groupBy", false);
        writer.WriteBoolean("idSelected", result.Fields.Any(f => f.Ordinal == SObjectSchema.IdOrdinal));
        writer.WriteString("keyPrefix", schema.KeyPrefix);
        writer.WriteEndObject();
    }

    private static void WriteColumn(Utf8JsonWriter writer, SObjectField field)
    {
        writer.WriteStartObject();
        writer.WriteBoolean("aggregate", false);
        writer.WriteString("apexType", ApexType(field.Type));
        writer.WriteBoolean("booleanType", field.Type == FieldType.Boolean);
        writer.WriteString("columnName", field.Name);
        writer.WriteBoolean("custom", field.Custom);
        writer.WriteString("displayName", field.Name);
        writer.WriteNull("foreignKeyName");
        writer.WriteBoolean("insertable", field.Createable);
        writer.WriteStartArray("joinColumns");
        writer.WriteEndArray();
        writer.WriteBoolean("numberType", field.Type.IsNumeric());
        writer.WriteBoolean("textType", field.Type.IsText());
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

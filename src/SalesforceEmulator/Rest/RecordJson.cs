using System.Text.Json;
using SalesforceEmulator.Org;

namespace SalesforceEmulator.Rest;

/// <summary>A record as REST returns it: attributes {type, url} first, then the fields with their JSON types.</summary>
public static class RecordJson
{
    public static void Write(Utf8JsonWriter writer, SObjectSchema schema, SObjectRecord record, IReadOnlyList<SObjectField> fields, string version)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("attributes");
        writer.WriteString("type", schema.Name);
        writer.WriteString("url", $"/services/data/v{version}/sobjects/{schema.Name}/{record.Id}");
        writer.WriteEndObject();
        foreach (var field in fields)
        {
            // An address or location is read from its components, as an object.
            if (field.Type.IsCompound())
            {
                writer.WritePropertyName(field.Name);
                CompoundValueJson.Write(writer, schema, field, record);
            }
            else
            {
                WriteField(writer, field, record[field.Ordinal]);
            }
        }
        writer.WriteEndObject();
    }

    /// <summary>One field by name with its JSON type: checkboxes as booleans, numbers as numbers, the rest as strings.</summary>
    public static void WriteField(Utf8JsonWriter writer, SObjectField field, string? value)
    {
        writer.WritePropertyName(field.Name);
        if (value is null)
            writer.WriteNullValue();
        else if (field.Type == FieldType.Boolean)
            writer.WriteBooleanValue(value == "true");
        else if (field.Type.IsNumeric())
            writer.WriteRawValue(value);
        else
            writer.WriteStringValue(value);
    }
}

using System.Text.Json;
using SalesforceEmulator.Org;

namespace SalesforceEmulator.Rest;

/// <summary>Describe and sObject-list bodies in the real shape (the properties loaders read, plus the usual companions).</summary>
public static class DescribeJson
{
    public static void WriteObjectSummary(Utf8JsonWriter writer, SObjectSchema schema, string version)
    {
        var definition = schema.Definition;
        writer.WriteBoolean("activateable", false);
        writer.WriteBoolean("createable", definition.Createable);
        writer.WriteBoolean("custom", schema.Custom);
        writer.WriteBoolean("customSetting", false);
        writer.WriteBoolean("deletable", definition.Deletable);
        writer.WriteBoolean("deprecatedAndHidden", false);
        writer.WriteBoolean("feedEnabled", false);
        writer.WriteString("keyPrefix", schema.KeyPrefix);
        writer.WriteString("label", schema.Label);
        writer.WriteString("labelPlural", definition.LabelPlural ?? schema.Label + "s");
        writer.WriteBoolean("layoutable", true);
        writer.WriteBoolean("mergeable", false);
        writer.WriteString("name", schema.Name);
        writer.WriteBoolean("queryable", true);
        writer.WriteBoolean("replicateable", true);
        writer.WriteBoolean("retrieveable", true);
        writer.WriteBoolean("searchable", true);
        writer.WriteBoolean("triggerable", true);
        writer.WriteBoolean("undeletable", definition.Deletable);
        writer.WriteBoolean("updateable", definition.Updateable);
        writer.WriteStartObject("urls");
        var root = $"/services/data/v{version}/sobjects/{schema.Name}";
        writer.WriteString("rowTemplate", root + "/{ID}");
        writer.WriteString("describe", root + "/describe");
        writer.WriteString("sobject", root);
        writer.WriteEndObject();
    }

    public static void WriteDescribe(Utf8JsonWriter writer, SObjectSchema schema, string version)
    {
        writer.WriteStartObject();
        WriteObjectSummary(writer, schema, version);
        writer.WriteStartArray("childRelationships");
        writer.WriteEndArray();
        writer.WriteStartArray("fields");
        foreach (var field in schema.Fields)
            WriteField(writer, field);
        writer.WriteEndArray();
        writer.WriteStartArray("recordTypeInfos");
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteField(Utf8JsonWriter writer, SObjectField field)
    {
        var d = field.Definition;
        var type = field.Type;
        writer.WriteStartObject();
        writer.WriteBoolean("aggregatable", type != FieldType.Textarea);
        writer.WriteBoolean("autoNumber", false);
        writer.WriteNumber("byteLength", type.IsText() || type is FieldType.Id or FieldType.Reference ? field.Length * 3 : 0);
        writer.WriteBoolean("calculated", d.Calculated);
        writer.WriteBoolean("caseSensitive", false);
        writer.WriteBoolean("createable", field.Createable);
        writer.WriteBoolean("custom", field.Custom);
        if (type == FieldType.Boolean && d.DefaultedOnCreate)
            writer.WriteBoolean("defaultValue", false);
        else
            writer.WriteNull("defaultValue");
        writer.WriteBoolean("defaultedOnCreate", d.DefaultedOnCreate);
        writer.WriteBoolean("dependentPicklist", false);
        writer.WriteBoolean("deprecatedAndHidden", false);
        writer.WriteNumber("digits", type == FieldType.Int ? d.Digits ?? d.Precision ?? 9 : 0);
        writer.WriteBoolean("externalId", field.ExternalId);
        writer.WriteBoolean("filterable", type != FieldType.Textarea);
        writer.WriteBoolean("groupable", type is not (FieldType.Textarea or FieldType.Double or FieldType.Currency or FieldType.Percent));
        writer.WriteBoolean("idLookup", field.IdLookup);
        writer.WriteString("label", field.Label);
        writer.WriteNumber("length", type.IsText() || type is FieldType.Id or FieldType.Reference ? field.Length : 0);
        writer.WriteString("name", field.Name);
        writer.WriteBoolean("nameField", d.NameField);
        writer.WriteBoolean("nillable", field.Nillable);
        writer.WriteStartArray("picklistValues");
        foreach (var value in d.PicklistValues)
        {
            writer.WriteStartObject();
            writer.WriteBoolean("active", value.Active);
            writer.WriteBoolean("defaultValue", value.DefaultValue);
            writer.WriteString("label", value.Label ?? value.Value);
            writer.WriteNull("validFor");
            writer.WriteString("value", value.Value);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteBoolean("polymorphicForeignKey", false);
        writer.WriteNumber("precision", type.IsNumeric() && type != FieldType.Int ? d.Precision ?? 18 : 0);
        writer.WriteStartArray("referenceTo");
        foreach (var target in d.ReferenceTo)
            writer.WriteStringValue(target);
        writer.WriteEndArray();
        if (d.RelationshipName is { } relationship)
            writer.WriteString("relationshipName", relationship);
        else
            writer.WriteNull("relationshipName");
        writer.WriteBoolean("restrictedPicklist", d.RestrictedPicklist);
        writer.WriteNumber("scale", type.IsNumeric() && type != FieldType.Int ? d.Scale ?? 0 : 0);
        writer.WriteString("soapType", type.SoapType());
        writer.WriteBoolean("sortable", type != FieldType.Textarea);
        writer.WriteString("type", type.ApiName());
        writer.WriteBoolean("unique", field.Unique);
        writer.WriteBoolean("updateable", field.Updateable);
        writer.WriteEndObject();
    }
}

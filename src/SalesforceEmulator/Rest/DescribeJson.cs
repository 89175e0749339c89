using System.Text.Json;
using SalesforceEmulator.Org;

namespace SalesforceEmulator.Rest;

/// <summary>
/// Describe and sObject-list bodies in the real shape: every field carries the 55 properties a real describe lists
/// (alphabetical, as the API writes them), child relationships come from the org's lookups, and every object has
/// the Master record type, plus the active record types the org's RecordType rows give it.
/// </summary>
public static class DescribeJson
{
    /// <summary>The record type id every object's Master record type has.</summary>
    public const string MasterRecordTypeId = "012000000000000AAA";

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
        writer.WriteString("labelPlural", LabelPlural(schema));
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

    public static void WriteDescribe(Utf8JsonWriter writer, SObjectSchema schema, string version, OrgStore org)
    {
        writer.WriteStartObject();
        WriteObjectSummary(writer, schema, version);
        writer.WriteStartArray("childRelationships");
        foreach (var (child, field) in ChildRelationships(schema, org))
            WriteChildRelationship(writer, child, field);
        writer.WriteEndArray();
        writer.WriteStartArray("fields");
        foreach (var field in schema.Fields)
            WriteField(writer, field);
        writer.WriteEndArray();
        writer.WriteStartArray("recordTypeInfos");
        var recordTypes = ObjectRecordTypes.Of(org, schema.Name).Where(t => t.IsActive).ToList();
        // With record types of its own the object's default is its first one, and Master is no longer offered.
        for (var i = 0; i < recordTypes.Count; i++)
            WriteRecordType(writer, schema, version, recordTypes[i].Id, recordTypes[i].DeveloperName, recordTypes[i].Name,
                master: false, available: true, isDefault: i == 0);
        WriteRecordType(writer, schema, version, MasterRecordTypeId, "Master", "Master",
            master: true, available: recordTypes.Count == 0, isDefault: recordTypes.Count == 0);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The plural label: the definition's, else the label made plural as English does (Opportunity → Opportunities).</summary>
    public static string LabelPlural(SObjectSchema schema) => schema.Definition.LabelPlural ?? Pluralize(schema.Label);

    public static string Pluralize(string label)
    {
        if (label.Length > 1 && label.EndsWith('y') && !"aeiou".Contains(char.ToLowerInvariant(label[^2])))
            return label[..^1] + "ies";
        if (label.EndsWith('s') || label.EndsWith('x') || label.EndsWith('z') || label.EndsWith("ch", StringComparison.Ordinal)
            || label.EndsWith("sh", StringComparison.Ordinal))
            return label + "es";
        return label + "s";
    }

    /// <summary>
    /// The name a parent knows a lookup's children by: the definition's childRelationshipName, else the child's plural
    /// label without spaces (Contacts), with __r for a custom lookup (Invoices__r), as Salesforce proposes them.
    /// </summary>
    public static string ChildRelationshipName(SObjectSchema child, SObjectField field) =>
        field.Definition.ChildRelationshipName
        ?? LabelPlural(child).Replace(" ", "", StringComparison.Ordinal) + (field.Custom ? "__r" : "");

    /// <summary>Every lookup in the org that points at this object, by child object then field.</summary>
    public static IEnumerable<(SObjectSchema Child, SObjectField Field)> ChildRelationships(SObjectSchema parent, OrgStore org) =>
        org.Tables
            .SelectMany(table => table.Schema.Fields
                .Where(field => field.Type == FieldType.Reference && field.Definition.ReferenceTo.Contains(parent.Name, StringComparer.OrdinalIgnoreCase))
                .Select(field => (table.Schema, field)))
            .OrderBy(pair => pair.Schema.Name, StringComparer.Ordinal)
            .ThenBy(pair => pair.field.Name, StringComparer.Ordinal);

    private static void WriteChildRelationship(Utf8JsonWriter writer, SObjectSchema child, SObjectField field)
    {
        writer.WriteStartObject();
        writer.WriteBoolean("cascadeDelete", field.Definition.MasterDetail);
        writer.WriteString("childSObject", child.Name);
        writer.WriteBoolean("deprecatedAndHidden", false);
        writer.WriteString("field", field.Name);
        writer.WriteStartArray("junctionIdListNames");
        writer.WriteEndArray();
        writer.WriteStartArray("junctionReferenceTo");
        writer.WriteEndArray();
        writer.WriteString("relationshipName", ChildRelationshipName(child, field));
        writer.WriteBoolean("restrictedDelete", false);
        writer.WriteEndObject();
    }

    private static void WriteRecordType(Utf8JsonWriter writer, SObjectSchema schema, string version, string id, string developerName,
        string name, bool master, bool available, bool isDefault)
    {
        writer.WriteStartObject();
        writer.WriteBoolean("active", true);
        writer.WriteBoolean("available", available);
        writer.WriteBoolean("defaultRecordTypeMapping", isDefault);
        writer.WriteString("developerName", developerName);
        writer.WriteBoolean("master", master);
        writer.WriteString("name", name);
        writer.WriteString("recordTypeId", id);
        writer.WriteStartObject("urls");
        writer.WriteString("layout", $"/services/data/v{version}/sobjects/{schema.Name}/describe/layouts/{id}");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteField(Utf8JsonWriter writer, SObjectField field)
    {
        var d = field.Definition;
        var type = field.Type;
        var sized = type.IsText() || type is FieldType.Id or FieldType.Reference;
        writer.WriteStartObject();
        // Compound fields are read whole but cannot be filtered, grouped or sorted on.
        var plain = type != FieldType.Textarea && !type.IsCompound();
        writer.WriteBoolean("aggregatable", plain);
        writer.WriteBoolean("autoNumber", false);
        // Text holds up to 3 bytes a character; an id is 18 ASCII characters.
        writer.WriteNumber("byteLength", type is FieldType.Id or FieldType.Reference ? 18 : type.IsText() ? field.Length * 3 : 0);
        writer.WriteBoolean("calculated", d.Calculated);
        writer.WriteNull("calculatedFormula");
        writer.WriteBoolean("cascadeDelete", d.MasterDetail);
        writer.WriteBoolean("caseSensitive", false);
        if (d.CompoundFieldName is { } compound)
            writer.WriteString("compoundFieldName", compound);
        else
            writer.WriteNull("compoundFieldName");
        writer.WriteNull("controllerName");
        writer.WriteBoolean("createable", field.Createable);
        writer.WriteBoolean("custom", field.Custom);
        if (type == FieldType.Boolean && d.DefaultedOnCreate)
            writer.WriteBoolean("defaultValue", false);
        else
            writer.WriteNull("defaultValue");
        writer.WriteNull("defaultValueFormula");
        writer.WriteBoolean("defaultedOnCreate", d.DefaultedOnCreate);
        writer.WriteBoolean("dependentPicklist", false);
        writer.WriteBoolean("deprecatedAndHidden", false);
        writer.WriteNumber("digits", type == FieldType.Int ? d.Digits ?? d.Precision ?? 9 : 0);
        writer.WriteBoolean("displayLocationInDecimal", false);
        writer.WriteBoolean("encrypted", false);
        writer.WriteBoolean("externalId", field.ExternalId);
        if (type == FieldType.Textarea)
            writer.WriteString("extraTypeInfo", "plaintextarea");
        else
            writer.WriteNull("extraTypeInfo");
        writer.WriteBoolean("filterable", plain);
        writer.WriteNull("filteredLookupInfo");
        writer.WriteBoolean("groupable", plain && type is not (FieldType.Double or FieldType.Currency or FieldType.Percent));
        writer.WriteBoolean("highScaleNumber", false);
        writer.WriteBoolean("htmlFormatted", false);
        writer.WriteBoolean("idLookup", field.IdLookup);
        writer.WriteNull("inlineHelpText");
        writer.WriteString("label", field.Label);
        writer.WriteNumber("length", sized ? field.Length : 0);
        writer.WriteNull("mask");
        writer.WriteNull("maskType");
        writer.WriteString("name", field.Name);
        writer.WriteBoolean("nameField", d.NameField);
        writer.WriteBoolean("namePointing", field.Polymorphic);
        writer.WriteBoolean("nillable", field.Nillable);
        // Field-level security applies to optional fields a user may write.
        writer.WriteBoolean("permissionable", field.Nillable && field.Createable);
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
        writer.WriteBoolean("polymorphicForeignKey", field.Polymorphic);
        writer.WriteNumber("precision", type.IsNumeric() && type != FieldType.Int ? d.Precision ?? 18 : 0);
        writer.WriteBoolean("queryByDistance", false);
        writer.WriteNull("referenceTargetField");
        writer.WriteStartArray("referenceTo");
        foreach (var target in d.ReferenceTo)
            writer.WriteStringValue(target);
        writer.WriteEndArray();
        if (d.RelationshipName is { } relationship)
            writer.WriteString("relationshipName", relationship);
        else
            writer.WriteNull("relationshipName");
        // A master-detail field has an order (0 for the first master); a lookup has none.
        if (d.MasterDetail)
            writer.WriteNumber("relationshipOrder", 0);
        else
            writer.WriteNull("relationshipOrder");
        writer.WriteBoolean("restrictedDelete", false);
        writer.WriteBoolean("restrictedPicklist", d.RestrictedPicklist);
        writer.WriteNumber("scale", type.IsNumeric() && type != FieldType.Int ? d.Scale ?? 0 : 0);
        writer.WriteBoolean("searchPrefilterable", false);
        writer.WriteString("soapType", type.SoapType());
        writer.WriteBoolean("sortable", plain);
        writer.WriteString("type", type.ApiName());
        writer.WriteBoolean("unique", field.Unique);
        writer.WriteBoolean("updateable", field.Updateable);
        writer.WriteBoolean("writeRequiresMasterRead", false);
        writer.WriteEndObject();
    }
}

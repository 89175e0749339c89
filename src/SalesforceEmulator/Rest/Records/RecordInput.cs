using System.Text.Json;
using SalesforceEmulator.Bulk.Rows;
using SalesforceEmulator.Org;

namespace SalesforceEmulator.Rest.Records;

/// <summary>
/// A record given as JSON, read into columns and cell texts the way an upload row carries them, so the Bulk path's
/// row rules (<see cref="Bulk.Rows.RowWriter"/>) judge it: a JSON null or "" clears the field (the upload's #N/A),
/// numbers and booleans keep their JSON text, and a nested {"Account": {"External_Id__c": "A-1"}} becomes the
/// relationship column Account.External_Id__c. Field names match case-insensitively; "attributes" is ignored.
/// </summary>
public sealed class RecordInput
{
    /// <summary>The upload's spelling of null.</summary>
    public const string NullCell = "#N/A";

    private RecordInput(List<string> columns, List<string> cells)
    {
        Columns = columns;
        Cells = cells;
    }

    /// <summary>Column names: field names as the object spells them, or Relationship.KeyField.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Each column's cell text, #N/A for null.</summary>
    public IReadOnlyList<string> Cells { get; }

    /// <summary>
    /// Reads a JSON object; <paramref name="error"/> says what is wrong when it cannot be read. Properties named in
    /// <paramref name="omit"/> (the key an upsert URL already gives, a tree record's child collections) are left out.
    /// </summary>
    public static RecordInput? Read(SObjectSchema schema, OrgStore org, JsonElement body, out SaveError? error, params IReadOnlyCollection<string> omit)
    {
        error = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            error = new SaveError("JSON_PARSER_ERROR", "The request body must be a JSON object.");
            return null;
        }
        var columns = new List<string>();
        var cells = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in body.EnumerateObject())
        {
            if (property.NameEquals("attributes") || omit.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
                continue;
            if (!seen.Add(property.Name))
            {
                // UNVERIFIED: the real parser's text for a field given twice.
                error = new SaveError("JSON_PARSER_ERROR", $"Duplicate field: {property.Name}");
                return null;
            }
            var field = schema.FindField(property.Name);
            if (field is null)
            {
                if (property.Value.ValueKind == JsonValueKind.Object && ReadRelationship(schema, org, property, columns, cells, out error))
                    continue;
                error ??= NoSuchColumn(property.Name, schema);
                return null;
            }
            if (ReadCell(field, property.Value, out var cell) is { } problem)
            {
                error = problem;
                return null;
            }
            columns.Add(field.Name);
            cells.Add(cell);
        }
        return new RecordInput(columns, cells);
    }

    /// <summary>The same input with one more column (or that column's cell replaced): a tree child's link to its parent.</summary>
    public RecordInput With(string column, string cell)
    {
        var columns = Columns.ToList();
        var cells = Cells.ToList();
        var at = columns.FindIndex(c => c.Equals(column, StringComparison.OrdinalIgnoreCase));
        if (at >= 0)
        {
            cells[at] = cell;
        }
        else
        {
            columns.Add(column);
            cells.Add(cell);
        }
        return new RecordInput(columns, cells);
    }

    /// <summary>The same input without one column (matched case-insensitively); <paramref name="cell"/> is its cell, or null when absent.</summary>
    public RecordInput Without(string column, out string? cell)
    {
        cell = null;
        var at = Columns.ToList().FindIndex(c => c.Equals(column, StringComparison.OrdinalIgnoreCase));
        if (at < 0)
            return this;
        cell = Cells[at];
        var columns = Columns.ToList();
        var cells = Cells.ToList();
        columns.RemoveAt(at);
        cells.RemoveAt(at);
        return new RecordInput(columns, cells);
    }

    public static SaveError NoSuchColumn(string name, SObjectSchema schema) =>
        new("INVALID_FIELD", $"No such column '{name}' on sobject of type {schema.Name}");

    /// <summary>
    /// {"Account": {"External_Id__c": "A-1"}}: one lookup key of the parent, by the reference's relationship name. A
    /// polymorphic reference names the parent's type too, {"What": {"attributes": {"type": "Account"}, …}}, and becomes
    /// the typed column Account:What.External_Id__c.
    /// </summary>
    private static bool ReadRelationship(SObjectSchema schema, OrgStore org, JsonProperty property, List<string> columns, List<string> cells,
        out SaveError? error)
    {
        error = null;
        var reference = schema.FindRelationship(property.Name);
        if (reference is null)
            return false;
        SObjectTable parent;
        var typePrefix = "";
        if (reference.HasSeveralTargets)
        {
            var typeName = TypeAttribute(property.Value);
            if (typeName is null)
            {
                error = FieldError(PolymorphicColumns.TypeNeeded(reference));
                return false;
            }
            if (!reference.MayReference(typeName) || org.Find(typeName) is not { } typed)
            {
                error = FieldError(PolymorphicColumns.TypeNotAllowed(typeName, reference));
                return false;
            }
            parent = typed;
            typePrefix = typed.Schema.Name + ":";
        }
        else if (reference.ReferenceTo is { } parentName && org.Find(parentName) is { } single)
        {
            parent = single;
        }
        else
        {
            return false;
        }
        var keys = property.Value.EnumerateObject().Where(p => !p.NameEquals("attributes")).ToList();
        if (keys.Count != 1 || parent.Schema.FindField(keys[0].Name) is not { IsLookupKey: true } key
            || keys[0].Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
        {
            // UNVERIFIED: the emulator's wording for a relationship that does not name exactly one external id.
            error = new SaveError("INVALID_FIELD",
                $"The relationship {property.Name} must name exactly one External ID or idLookup field of {parent.Schema.Name} and its value");
            return false;
        }
        columns.Add($"{typePrefix}{reference.Definition.RelationshipName}.{key.Name}");
        cells.Add(keys[0].Value.ValueKind == JsonValueKind.String ? keys[0].Value.GetString()! : keys[0].Value.GetRawText());
        return true;
    }

    /// <summary>The parent's "attributes": {"type": …}, or null.</summary>
    private static string? TypeAttribute(JsonElement parent) =>
        parent.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object
        && attributes.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            ? type.GetString()
            : null;

    /// <summary>A job failure's text ("InvalidBatch : …") as the field error a REST write answers.</summary>
    private static SaveError FieldError(string batchMessage) =>
        new("INVALID_FIELD", batchMessage.StartsWith(InvalidBatchPrefix, StringComparison.Ordinal) ? batchMessage[InvalidBatchPrefix.Length..] : batchMessage);

    private const string InvalidBatchPrefix = "InvalidBatch : ";

    /// <summary>A JSON value as the cell text the row rules read; a JSON kind the field's type cannot take is a JSON_PARSER_ERROR.</summary>
    private static SaveError? ReadCell(SObjectField field, JsonElement value, out string cell)
    {
        cell = "";
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                cell = NullCell;
                return null;
            case JsonValueKind.String:
                var text = value.GetString()!;
                cell = text.Length == 0 ? NullCell : text;
                return IsTyped(field.Type) && text.Length > 0 && FieldValues.Normalize(field, text, out _) == ValueProblem.NotValidForType
                    ? CannotDeserialize(field, "VALUE_STRING", text)
                    : null;
            case JsonValueKind.True or JsonValueKind.False:
                cell = value.ValueKind == JsonValueKind.True ? "true" : "false";
                return field.Type == FieldType.Boolean || !IsTyped(field.Type) ? null : CannotDeserialize(field, "VALUE_" + cell.ToUpperInvariant(), cell);
            case JsonValueKind.Number:
                cell = value.GetRawText();
                return field.Type is FieldType.Boolean or FieldType.Date or FieldType.DateTime
                    || (IsTyped(field.Type) && FieldValues.Normalize(field, cell, out _) == ValueProblem.NotValidForType)
                    ? CannotDeserialize(field, cell.Contains('.', StringComparison.Ordinal) ? "VALUE_NUMBER_FLOAT" : "VALUE_NUMBER_INT", cell)
                    : null;
            case JsonValueKind.Object when field.Type.IsCompound():
                // An address or location object reaches the writability check, which refuses it as Salesforce does.
                cell = value.GetRawText();
                return null;
            default:
                return CannotDeserialize(field, value.ValueKind == JsonValueKind.Array ? "START_ARRAY" : "START_OBJECT", value.GetRawText());
        }
    }

    /// <summary>Fields whose JSON value must parse as their type (the rest are text, ids and picklists).</summary>
    private static bool IsTyped(FieldType type) => type is FieldType.Boolean or FieldType.Date or FieldType.DateTime || type.IsNumeric();

    // UNVERIFIED: modelled on the JSON parser errors real orgs answer for a value of the wrong JSON kind.
    private static SaveError CannotDeserialize(SObjectField field, string token, string raw) =>
        new("JSON_PARSER_ERROR",
            $"Cannot deserialize instance of {field.Type.ApiName()} from {token} value {raw} or request may be missing a required field");
}

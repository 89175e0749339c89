using System.Text.Json;

namespace SalesforceEmulator.Org;

/// <summary>
/// An org's real schema, read from describe JSON files (one object a file): what `sf sobject describe --json` writes
/// (`{"status":0,"result":{…}}`) or the REST describe's bare object. Each object replaces the org definition's object of
/// that name, or joins the org; see ORG-FORMAT.md, "Taking an org's schema from describe files".
/// </summary>
public static class DescribeDirectory
{
    /// <summary>Reads every `*.json` file in <paramref name="directory"/> (by name, ordinal order) and merges them into <paramref name="org"/>.</summary>
    public static void Apply(OrgDefinition org, string directory)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Describe directory {directory} does not exist.");
        var files = Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new InvalidDataException($"Describe directory {directory} holds no .json files.");
        var described = new List<(ObjectDefinition Object, JsonElement Children, string File)>();
        foreach (var file in files)
        {
            using var stream = File.OpenRead(file);
            var (definition, children) = Read(stream, file);
            if (described.Exists(d => d.Object.Name.Equals(definition.Name, StringComparison.OrdinalIgnoreCase)))
                throw new InvalidDataException($"Describe file {file}: object {definition.Name} is described by an earlier file too.");
            described.Add((definition, children, file));
        }
        foreach (var (definition, _, file) in described)
            Merge(org, definition, file);
        // A parent's describe names its lookups' children (Contacts, ChildAccounts); the org serves those names.
        foreach (var (definition, children, _) in described)
            NameChildRelationships(org, definition.Name, children);
    }

    /// <summary>One describe file as an object definition, plus its childRelationships (undefined when it lists none).</summary>
    public static (ObjectDefinition Object, JsonElement ChildRelationships) Read(Stream json, string file)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Describe file {file} is not valid JSON: {e.Message}", e);
        }
        var describe = Unwrap(root, file);
        var name = Text(describe, "name") ?? throw Problem(file, "the describe has no \"name\"");
        if (!describe.TryGetProperty("fields", out var fields) || fields.ValueKind != JsonValueKind.Array)
            throw Problem(file, $"object {name} has no \"fields\" array");
        var definition = new ObjectDefinition
        {
            Name = name,
            Label = Text(describe, "label"),
            LabelPlural = Text(describe, "labelPlural"),
            KeyPrefix = Text(describe, "keyPrefix") ?? "",
            Createable = Flag(describe, "createable", true),
            Updateable = Flag(describe, "updateable", true),
            Deletable = Flag(describe, "deletable", true),
        };
        if (definition.KeyPrefix.Length is not (0 or 3))
            throw Problem(file, $"object {name} has keyPrefix '{definition.KeyPrefix}', not 3 characters");
        var index = 0;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in fields.EnumerateArray())
        {
            index++;
            var read = ReadField(field, $"Describe file {file}: {name} field {index}");
            if (!seen.Add(read.Name))
                throw Problem(file, $"object {name} lists field {read.Name} twice");
            definition.Fields.Add(read);
        }
        var children = describe.TryGetProperty("childRelationships", out var list) && list.ValueKind == JsonValueKind.Array ? list : default;
        return (definition, children);
    }

    /// <summary>The describe inside the sf CLI's wrapper, or the bare REST describe; a CLI error result names its message.</summary>
    private static JsonElement Unwrap(JsonElement root, string file)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw Problem(file, "the top level must be a JSON object");
        if (root.TryGetProperty("result", out var result) && root.TryGetProperty("status", out var status))
        {
            if (status.ValueKind == JsonValueKind.Number && status.GetInt32() != 0)
                throw Problem(file, $"the sf CLI reported status {status.GetInt32()}: {Text(root, "message") ?? "no message"}");
            if (result.ValueKind != JsonValueKind.Object)
                throw Problem(file, "\"result\" must be the describe object");
            return result;
        }
        return root;
    }

    private static FieldDefinition ReadField(JsonElement field, string where)
    {
        if (field.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{where}: must be a JSON object.");
        var name = Text(field, "name") ?? throw new InvalidDataException($"{where}: has no \"name\".");
        where = $"{where} ({name})";
        var apiType = Text(field, "type") ?? throw new InvalidDataException($"{where}: has no \"type\".");
        var referenceTo = field.TryGetProperty("referenceTo", out var targets) && targets.ValueKind == JsonValueKind.Array
            ? targets.EnumerateArray().Select(t => t.GetString()).OfType<string>().ToList()
            : [];
        var definition = new FieldDefinition
        {
            Name = name,
            Label = Text(field, "label"),
            Type = EmulatedType(apiType, referenceTo.Count),
            Length = Number(field, "length"),
            Precision = Number(field, "precision"),
            Scale = Number(field, "scale"),
            Digits = Number(field, "digits"),
            Createable = Flag(field, "createable", false),
            Updateable = Flag(field, "updateable", false),
            Nillable = Flag(field, "nillable", true),
            DefaultedOnCreate = Flag(field, "defaultedOnCreate", false),
            ExternalId = Flag(field, "externalId", false),
            IdLookup = Flag(field, "idLookup", false),
            Unique = Flag(field, "unique", false),
            Calculated = Flag(field, "calculated", false),
            NameField = Flag(field, "nameField", false),
            RestrictedPicklist = Flag(field, "restrictedPicklist", false),
            CompoundFieldName = Text(field, "compoundFieldName"),
            MasterDetail = Flag(field, "cascadeDelete", false) || (field.TryGetProperty("relationshipOrder", out var order) && order.ValueKind == JsonValueKind.Number),
        };
        if (field.TryGetProperty("polymorphicForeignKey", out var polymorphic) && polymorphic.ValueKind is JsonValueKind.True or JsonValueKind.False)
            definition.PolymorphicForeignKey = polymorphic.GetBoolean();
        // Sizes only where the emulator checks them: a zero length or digits means "none".
        if (definition.Length == 0)
            definition.Length = null;
        if (definition.Digits == 0)
            definition.Digits = null;
        if (definition.Type is not ("double" or "currency" or "percent"))
            definition.Precision = definition.Scale = null;
        if (definition.Type == "reference")
        {
            definition.ReferenceTo = referenceTo;
            definition.RelationshipName = Text(field, "relationshipName") ?? DerivedRelationshipName(name);
        }
        if (field.TryGetProperty("picklistValues", out var values) && values.ValueKind == JsonValueKind.Array)
        {
            foreach (var value in values.EnumerateArray())
            {
                if (Text(value, "value") is not { } text)
                    continue;
                definition.PicklistValues.Add(new PicklistValueDefinition
                {
                    Value = text,
                    Label = Text(value, "label"),
                    Active = Flag(value, "active", true),
                    DefaultValue = Flag(value, "defaultValue", false),
                });
            }
        }
        return definition;
    }

    /// <summary>
    /// The emulator's type for a describe type: its own where it has it; otherwise the nearest it checks (documented in
    /// ORG-FORMAT.md): text for base64, time, anyType, encryptedstring and the rest, a number for long.
    /// </summary>
    public static string EmulatedType(string apiType, int referenceCount)
    {
        if (apiType.Equals("reference", StringComparison.OrdinalIgnoreCase) && referenceCount == 0)
            return "string"; // a reference describe lists no target for: an id-shaped text
        if (Enum.TryParse<FieldType>(apiType, ignoreCase: true, out var known) && Enum.IsDefined(known) && !int.TryParse(apiType, out _))
            return known.ApiName();
        return apiType.ToLowerInvariant() switch
        {
            "long" => "double",
            "base64" or "complexvalue" or "json" => "textarea",
            _ => "string", // time, anytype, encryptedstring, datacategorygroupreference and types still to come
        };
    }

    // Salesforce's own rule for standard lookups (OwnerId → Owner) and custom ones (Account__c → Account__r).
    private static string DerivedRelationshipName(string fieldName) =>
        fieldName.EndsWith("__c", StringComparison.OrdinalIgnoreCase) ? fieldName[..^3] + "__r"
        : fieldName.EndsWith("Id", StringComparison.Ordinal) && fieldName.Length > 2 ? fieldName[..^2]
        : fieldName;

    /// <summary>Puts a described object in place of the definition's object of that name (keeping the seed rows its fields can hold), or adds it.</summary>
    private static void Merge(OrgDefinition org, ObjectDefinition described, string file)
    {
        var at = org.Objects.FindIndex(o => o.Name.Equals(described.Name, StringComparison.OrdinalIgnoreCase));
        if (at < 0)
        {
            if (described.KeyPrefix.Length == 0)
                throw Problem(file, $"object {described.Name} has no keyPrefix, and the org has no object of that name to take one from");
            org.Objects.Add(described);
            return;
        }
        var existing = org.Objects[at];
        if (described.KeyPrefix.Length == 0)
            described.KeyPrefix = existing.KeyPrefix;
        described.TriggerMillisPerRow = existing.TriggerMillisPerRow;
        // The built-in rows (users, record types, a queue) stay; a value for a field the real object lacks is dropped.
        var names = new HashSet<string>(described.Fields.Select(f => f.Name), StringComparer.OrdinalIgnoreCase) { "Id" };
        foreach (var record in existing.Records)
            described.Records.Add(record.Where(pair => names.Contains(pair.Key)).ToDictionary(pair => pair.Key, pair => pair.Value));
        org.Objects[at] = described;
    }

    private static void NameChildRelationships(OrgDefinition org, string parentName, JsonElement children)
    {
        if (children.ValueKind != JsonValueKind.Array)
            return;
        foreach (var child in children.EnumerateArray())
        {
            if (Text(child, "childSObject") is not { } childName || Text(child, "field") is not { } fieldName
                || Text(child, "relationshipName") is not { } relationshipName)
                continue;
            var field = org.Objects.Find(o => o.Name.Equals(childName, StringComparison.OrdinalIgnoreCase))?.Fields
                .Find(f => f.Name.Equals(fieldName, StringComparison.OrdinalIgnoreCase));
            if (field is not null && field.ReferenceTo.Contains(parentName, StringComparer.OrdinalIgnoreCase))
                field.ChildRelationshipName ??= relationshipName;
        }
    }

    private static InvalidDataException Problem(string file, string what) => new($"Describe file {file}: {what}.");

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Flag(JsonElement element, string property, bool otherwise) =>
        element.TryGetProperty(property, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : otherwise;

    private static int? Number(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : null;
}

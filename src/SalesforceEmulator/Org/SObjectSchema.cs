namespace SalesforceEmulator.Org;

/// <summary>An object's fields in record order (Id first, then the defined fields, then the system fields).</summary>
public sealed class SObjectSchema
{
    public const int IdOrdinal = 0;

    private readonly Dictionary<string, SObjectField> fieldsByName;
    private readonly Dictionary<string, SObjectField> fieldsByRelationship;
    private readonly Dictionary<string, IReadOnlyList<SObjectField>> componentsByCompound;

    public SObjectSchema(ObjectDefinition definition)
    {
        Definition = definition;
        Name = definition.Name;
        Label = definition.Label ?? definition.Name;
        if (definition.KeyPrefix.Length != 3 || !definition.KeyPrefix.All(char.IsAsciiLetterOrDigit))
            throw new InvalidDataException($"Object {Name}: keyPrefix must be 3 letters or digits, got '{definition.KeyPrefix}'.");
        Custom = Name.EndsWith("__c", StringComparison.OrdinalIgnoreCase);

        var definitions = new List<FieldDefinition> { IdField() };
        definitions.AddRange(definition.Fields.Where(f => !IsSystemField(f.Name)));
        // System fields are always present and never writable, whatever the file says.
        definitions.Add(SystemField("CreatedDate", "Created Date", "datetime"));
        definitions.Add(SystemField("LastModifiedDate", "Last Modified Date", "datetime"));
        definitions.Add(SystemField("IsDeleted", "Deleted", "boolean"));

        var fields = new List<SObjectField>();
        fieldsByName = new Dictionary<string, SObjectField>(StringComparer.OrdinalIgnoreCase);
        fieldsByRelationship = new Dictionary<string, SObjectField>(StringComparer.OrdinalIgnoreCase);
        foreach (var fieldDefinition in definitions)
        {
            var field = new SObjectField(fieldDefinition, fields.Count, fieldDefinition.Name.EndsWith("__c", StringComparison.OrdinalIgnoreCase), Name);
            if (!fieldsByName.TryAdd(field.Name, field))
                throw new InvalidDataException($"Object {Name}: field {field.Name} is defined twice.");
            if (field.Type == FieldType.Reference)
            {
                if (field.ReferenceTo is null || string.IsNullOrEmpty(fieldDefinition.RelationshipName))
                    throw new InvalidDataException($"Object {Name}: reference field {field.Name} needs referenceTo and relationshipName.");
                fieldsByRelationship[fieldDefinition.RelationshipName] = field;
            }
            fields.Add(field);
        }
        Fields = fields;
        componentsByCompound = fields
            .Where(f => f.Definition.CompoundFieldName is not null)
            .GroupBy(f => f.Definition.CompoundFieldName!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<SObjectField>)[.. g], StringComparer.OrdinalIgnoreCase);
        CreatedDate = fieldsByName["CreatedDate"];
        LastModifiedDate = fieldsByName["LastModifiedDate"];
        IsDeleted = fieldsByName["IsDeleted"];
    }

    public ObjectDefinition Definition { get; }

    public string Name { get; }

    public string Label { get; }

    public string KeyPrefix => Definition.KeyPrefix;

    public bool Custom { get; }

    public IReadOnlyList<SObjectField> Fields { get; }

    public SObjectField Id => Fields[IdOrdinal];

    public SObjectField CreatedDate { get; }

    public SObjectField LastModifiedDate { get; }

    public SObjectField IsDeleted { get; }

    /// <summary>Field names match case-insensitively, as in CSV headers and SOQL.</summary>
    public SObjectField? FindField(string name) => fieldsByName.GetValueOrDefault(name);

    /// <summary>The reference field whose relationshipName is given (Account for AccountId, Account__r for Account__c).</summary>
    public SObjectField? FindRelationship(string relationshipName) => fieldsByRelationship.GetValueOrDefault(relationshipName);

    /// <summary>The fields naming <paramref name="compound"/> as their compoundFieldName (BillingCity… for BillingAddress).</summary>
    public IReadOnlyList<SObjectField> ComponentsOf(SObjectField compound) =>
        componentsByCompound.GetValueOrDefault(compound.Name) ?? [];

    private static bool IsSystemField(string name) =>
        name.Equals("Id", StringComparison.OrdinalIgnoreCase)
        || name.Equals("CreatedDate", StringComparison.OrdinalIgnoreCase)
        || name.Equals("LastModifiedDate", StringComparison.OrdinalIgnoreCase)
        || name.Equals("IsDeleted", StringComparison.OrdinalIgnoreCase);

    private static FieldDefinition IdField() => new()
    {
        Name = "Id", Label = $"Record ID", Type = "id", Length = 18,
        Createable = false, Updateable = false, Nillable = false, DefaultedOnCreate = true, IdLookup = true,
    };

    private static FieldDefinition SystemField(string name, string label, string type) => new()
    {
        Name = name, Label = label, Type = type,
        Createable = false, Updateable = false, Nillable = false, DefaultedOnCreate = true,
    };
}

namespace TargetSalesforce.Salesforce.Describe;

/// <summary>One object's describe: its exact name and its fields, looked up case-insensitively.</summary>
internal sealed class ObjectDescribe
{
    private readonly Dictionary<string, FieldDescribe> _byName;
    private readonly Dictionary<string, FieldDescribe> _byRelationship;

    public ObjectDescribe(string name, IReadOnlyList<FieldDescribe> fields)
    {
        Name = name;
        Fields = fields;
        _byName = new Dictionary<string, FieldDescribe>(StringComparer.OrdinalIgnoreCase);
        _byRelationship = new Dictionary<string, FieldDescribe>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in fields)
        {
            _byName.TryAdd(field.Name, field);
            if (!string.IsNullOrEmpty(field.RelationshipName))
            {
                _byRelationship.TryAdd(field.RelationshipName, field);
            }
        }
    }

    public string Name { get; }

    public IReadOnlyList<FieldDescribe> Fields { get; }

    public FieldDescribe? Field(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The lookup field whose relationship is called <paramref name="relationshipName"/> (`Account` → AccountId).</summary>
    public FieldDescribe? Relationship(string relationshipName) => _byRelationship.GetValueOrDefault(relationshipName);
}

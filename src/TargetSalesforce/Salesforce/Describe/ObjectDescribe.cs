namespace TargetSalesforce.Salesforce.Describe;

/// <summary>One object's describe: its exact name and its fields, looked up case-insensitively.</summary>
internal sealed class ObjectDescribe
{
    private readonly Dictionary<string, FieldDescribe> byName;
    private readonly Dictionary<string, FieldDescribe> byRelationship;
    private readonly Dictionary<string, List<FieldDescribe>> byCompound;

    public ObjectDescribe(string name, IReadOnlyList<FieldDescribe> fields, bool createable = true, bool updateable = true, bool deletable = true)
    {
        Name = name;
        Createable = createable;
        Updateable = updateable;
        Deletable = deletable;
        Fields = fields;
        byName = new Dictionary<string, FieldDescribe>(StringComparer.OrdinalIgnoreCase);
        byRelationship = new Dictionary<string, FieldDescribe>(StringComparer.OrdinalIgnoreCase);
        byCompound = new Dictionary<string, List<FieldDescribe>>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in fields)
        {
            if (!string.IsNullOrEmpty(field.CompoundFieldName))
            {
                if (!byCompound.TryGetValue(field.CompoundFieldName, out var components))
                {
                    byCompound[field.CompoundFieldName] = components = [];
                }

                components.Add(field);
            }

            byName.TryAdd(field.Name, field);
            if (!string.IsNullOrEmpty(field.RelationshipName))
            {
                byRelationship.TryAdd(field.RelationshipName, field);
            }
        }
    }

    public string Name { get; }

    /// <summary>The object's own flags: this user may insert, update, delete its records.</summary>
    public bool Createable { get; }

    public bool Updateable { get; }

    public bool Deletable { get; }

    public IReadOnlyList<FieldDescribe> Fields { get; }

    public FieldDescribe? Field(string name) => byName.GetValueOrDefault(name);

    /// <summary>The component fields of the compound field <paramref name="compoundName"/> (`BillingAddress` → BillingStreet, …); empty for any other name.</summary>
    public IReadOnlyList<FieldDescribe> Components(string compoundName) =>
        byCompound.TryGetValue(compoundName, out var components) ? components : [];

    /// <summary>The lookup field whose relationship is called <paramref name="relationshipName"/> (`Account` → AccountId).</summary>
    public FieldDescribe? Relationship(string relationshipName) => byRelationship.GetValueOrDefault(relationshipName);
}

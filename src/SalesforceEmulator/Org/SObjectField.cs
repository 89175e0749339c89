namespace SalesforceEmulator.Org;

/// <summary>One field of an object as the org serves it: the definition resolved, with its place in a record.</summary>
public sealed class SObjectField
{
    public SObjectField(FieldDefinition definition, int ordinal, bool custom, string objectName)
    {
        Definition = definition;
        Ordinal = ordinal;
        Custom = custom;
        Name = definition.Name;
        Label = definition.Label ?? definition.Name;
        Type = FieldTypes.Parse(definition.Type, $"{objectName}.{definition.Name}");
        ActivePicklistValues = new HashSet<string>(
            definition.PicklistValues.Where(p => p.Active).Select(p => p.Value), StringComparer.Ordinal);
        DefaultPicklistValue = definition.PicklistValues.FirstOrDefault(p => p.DefaultValue && p.Active)?.Value;
        LocksParent = Type == FieldType.Reference
            && (definition.LocksParent ?? (definition.MasterDetail || LocksByDefault(objectName, definition.Name)));
    }

    /// <summary>Saving a row that sets this reference locks the parent record it names (see <see cref="FieldDefinition.LocksParent"/>).</summary>
    public bool LocksParent { get; }

    // The standard lookups Salesforce documents as locking the Account while a child is saved.
    private static bool LocksByDefault(string objectName, string fieldName) =>
        fieldName.Equals("AccountId", StringComparison.OrdinalIgnoreCase)
        && (objectName.Equals("Contact", StringComparison.OrdinalIgnoreCase)
            || objectName.Equals("Opportunity", StringComparison.OrdinalIgnoreCase)
            || objectName.Equals("Case", StringComparison.OrdinalIgnoreCase));

    public FieldDefinition Definition { get; }

    /// <summary>Index of the field's value in a record's value array.</summary>
    public int Ordinal { get; }

    public string Name { get; }

    public string Label { get; }

    public FieldType Type { get; }

    public bool Custom { get; }

    // A compound field is read-only whatever the file says: Salesforce writes only its components.
    public bool Createable => Definition.Createable && !Type.IsCompound();

    public bool Updateable => Definition.Updateable && !Type.IsCompound();

    /// <summary>An owner lookup, which an insert that leaves it out sets to the user the write runs as.</summary>
    public bool DefaultsToRunningUser =>
        Type == FieldType.Reference && Definition.DefaultedOnCreate && Name.Equals("OwnerId", StringComparison.OrdinalIgnoreCase);

    /// <summary>A lookup that may name records of several objects (describe's polymorphicForeignKey).</summary>
    public bool Polymorphic => Type == FieldType.Reference && (Definition.PolymorphicForeignKey ?? Definition.ReferenceTo.Count > 1);

    public bool Nillable => Definition.Nillable;

    public bool Unique => Definition.Unique;

    public bool ExternalId => Definition.ExternalId;

    public bool IdLookup => Definition.IdLookup;

    /// <summary>Usable as an upsert key or as the field a relationship column names.</summary>
    public bool IsLookupKey => ExternalId || IdLookup;

    /// <summary>Required on insert: the describe rule loaders use (createable, not nillable, no default).</summary>
    public bool RequiredOnCreate => Createable && !Nillable && !Definition.DefaultedOnCreate;

    public IReadOnlySet<string> ActivePicklistValues { get; }

    public string? DefaultPicklistValue { get; }

    /// <summary>Maximum characters for text types; 0 when the definition sets none.</summary>
    public int Length => Definition.Length ?? 0;

    public string? ReferenceTo => Definition.ReferenceTo.Count > 0 ? Definition.ReferenceTo[0] : null;

    /// <summary>
    /// A reference that may point at more than one object (Task.WhatId, Lead.OwnerId): its relationship columns name
    /// the type. Bulk API 2.0 goes by the targets, not by the polymorphicForeignKey flag: a flagged reference with one
    /// target takes no type.
    /// </summary>
    public bool HasSeveralTargets => Type == FieldType.Reference && Definition.ReferenceTo.Count > 1;

    /// <summary>Whether the reference may point at <paramref name="objectName"/> (any case).</summary>
    public bool MayReference(string objectName) => Definition.ReferenceTo.Contains(objectName, StringComparer.OrdinalIgnoreCase);

    public override string ToString() => Name;
}

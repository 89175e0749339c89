using SalesforceEmulator.Org;

namespace SalesforceEmulator.Bulk.Rows;

/// <summary>
/// One uploaded column: a field of the job's object, or a relationship column resolved through a parent's key; a
/// polymorphic reference's column names the parent's type (<c>Account:What.External_Id__c</c>), so one field may have
/// a column per type.
/// </summary>
public sealed record ColumnBinding(SObjectField Field, SObjectTable? Parent = null, SObjectField? ParentKey = null)
{
    public bool IsRelationship => Parent is not null;

    /// <summary>A typed column of a polymorphic reference (several may set the same field, at most one per row).</summary>
    public bool IsTyped => IsRelationship && Field.HasSeveralTargets;
}

/// <summary>
/// The header of an upload matched to the object, case-insensitively. A header the object cannot take (an unknown
/// column, or a second column for a field already given) fails the whole job, naming the first bad column, as the
/// real API does.
/// </summary>
public sealed class ColumnPlan
{
    private ColumnPlan(IReadOnlyList<ColumnBinding> columns, int idColumn, int keyColumn, SObjectField? key)
    {
        Columns = columns;
        IdColumn = idColumn;
        KeyColumn = keyColumn;
        Key = key;
    }

    public IReadOnlyList<ColumnBinding> Columns { get; }

    /// <summary>Index of the Id column, or -1.</summary>
    public int IdColumn { get; }

    /// <summary>Index of the upsert key column (may equal IdColumn), or -1.</summary>
    public int KeyColumn { get; }

    /// <summary>The upsert key field (externalIdFieldName), null for other operations.</summary>
    public SObjectField? Key { get; }

    public static ColumnPlan Build(IReadOnlyList<string> header, SObjectTable table, OrgStore org, IngestOperation operation, string? externalIdFieldName)
    {
        var schema = table.Schema;
        if (operation.IsDelete() && (header.Count != 1 || !header[0].Equals("Id", StringComparison.OrdinalIgnoreCase)))
            throw new UploadRejectedException($"InvalidBatch : The '{operation.ApiName()}' batch must contain only ids");

        var columns = new List<ColumnBinding>(header.Count);
        foreach (var name in header)
        {
            var binding = Bind(name, schema, org) ?? throw new UploadRejectedException($"InvalidBatch : Field name not found : {name}");
            // Two columns for one field (Name and name, or AccountId and Account.External_Id__c) fail the whole job;
            // a polymorphic reference takes one typed column per type (Account:What.X and Opportunity:What.X).
            if (columns.Exists(c => c.Field == binding.Field && !(c.IsTyped && binding.IsTyped && c.Parent != binding.Parent)))
                throw new UploadRejectedException($"InvalidBatch : Duplicate field name: {name}");
            columns.Add(binding);
        }

        var idColumn = columns.FindIndex(c => !c.IsRelationship && c.Field.Ordinal == SObjectSchema.IdOrdinal);
        SObjectField? key = null;
        var keyColumn = -1;
        if (operation == IngestOperation.Upsert && externalIdFieldName is not null)
        {
            key = schema.FindField(externalIdFieldName);
            keyColumn = columns.FindIndex(c => !c.IsRelationship && c.Field == key);
        }
        return new ColumnPlan(columns, idColumn, keyColumn, key);
    }

    private static ColumnBinding? Bind(string name, SObjectSchema schema, OrgStore org)
    {
        if (schema.FindField(name) is { } field)
            return new ColumnBinding(field);

        // Relationship columns: [Type:]RelationshipName.KeyField, one level, the key an external id or idLookup field.
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || name.IndexOf('.', dot + 1) >= 0)
            return null;
        var relationship = name[..dot];
        var keyName = name[(dot + 1)..];
        var colon = relationship.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
            return BindTyped(relationship[..colon], relationship[(colon + 1)..], keyName, schema, org);
        var reference = schema.FindRelationship(relationship);
        if (reference is { HasSeveralTargets: true })
            throw new UploadRejectedException(PolymorphicColumns.TypeNeeded(reference));
        if (reference?.ReferenceTo is not { } parentName || org.Find(parentName) is not { } parent)
            return null;
        var parentKey = parent.Schema.FindField(keyName);
        return parentKey is { IsLookupKey: true } ? new ColumnBinding(reference, parent, parentKey) : null;
    }

    /// <summary>Type:Relationship.KeyField, which only a polymorphic reference takes, the type one it may point at.</summary>
    private static ColumnBinding? BindTyped(string typeName, string relationship, string keyName, SObjectSchema schema, OrgStore org)
    {
        if (typeName.Length == 0 || relationship.Length == 0 || relationship.Contains(':', StringComparison.Ordinal))
            return null;
        var reference = schema.FindRelationship(relationship)
            ?? throw new UploadRejectedException(PolymorphicColumns.UnknownRelationship(relationship));
        if (!reference.HasSeveralTargets)
            throw new UploadRejectedException(PolymorphicColumns.TypeNotNeeded(reference));
        if (!reference.MayReference(typeName) || org.Find(typeName) is not { } parent)
            throw new UploadRejectedException(PolymorphicColumns.TypeNotAllowed(typeName, reference));
        var parentKey = parent.Schema.FindField(keyName);
        return parentKey is { IsLookupKey: true } ? new ColumnBinding(reference, parent, parentKey) : null;
    }
}

using SalesforceEmulator.Org;

namespace SalesforceEmulator.Rest.Soql;

/// <summary>
/// A field a query names, resolved against the org: a field of the queried object, or a path through lookups to a
/// parent's field (<c>Account.External_Id__c</c>: Contact.AccountId → Account.External_Id__c).
/// </summary>
public sealed class SoqlColumn
{
    private readonly SObjectTable[] hopTables;

    private SoqlColumn(string name, IReadOnlyList<SObjectField> hops, SObjectTable[] hopTables, SObjectField field)
    {
        Name = name;
        Hops = hops;
        this.hopTables = hopTables;
        Field = field;
    }

    /// <summary>The path with the org's spelling (relationship names, then the field), as results name the column.</summary>
    public string Name { get; }

    /// <summary>The lookup fields walked, first from the queried object; empty for a field of the object itself.</summary>
    public IReadOnlyList<SObjectField> Hops { get; }

    /// <summary>The objects the hops lead to, in order.</summary>
    public IReadOnlyList<SObjectTable> HopTables => hopTables;

    /// <summary>The field read at the end of the path.</summary>
    public SObjectField Field { get; }

    /// <summary>Resolves a name as written, or throws the INVALID_FIELD error Salesforce gives.</summary>
    public static SoqlColumn Resolve(OrgStore org, SObjectSchema root, SoqlName name, string query)
    {
        var parts = name.Text.Split('.');
        var start = 0;
        // "SELECT Contact.Name FROM Contact": a path may start with the queried object's own name.
        if (parts.Length > 1 && parts[0].Equals(root.Name, StringComparison.OrdinalIgnoreCase))
            start = 1;
        var schema = root;
        var hops = new List<SObjectField>();
        var tables = new List<SObjectTable>();
        var spelled = new List<string>();
        for (var i = start; i < parts.Length - 1; i++)
        {
            var lookup = schema.FindRelationship(parts[i]);
            var target = lookup?.ReferenceTo is { } targetName ? org.Find(targetName) : null;
            if (lookup is null || target is null)
                throw SoqlErrors.UnknownRelationship(query, name, parts[i]);
            hops.Add(lookup);
            tables.Add(target);
            spelled.Add(lookup.Definition.RelationshipName!);
            schema = target.Schema;
        }
        var field = schema.FindField(parts[^1]);
        if (field is null)
        {
            throw hops.Count == 0
                ? SoqlErrors.UnknownField(query, name, root.Name)
                : SoqlErrors.UnknownField(query, new SoqlName(parts[^1], name.Column), schema.Name);
        }
        spelled.Add(field.Name);
        return new SoqlColumn(string.Join('.', spelled), hops, [.. tables], field);
    }

    /// <summary>The value at the end of the path for a record; null when the field or a lookup on the way is empty.</summary>
    public string? Value(SObjectRecord record)
    {
        var current = record;
        for (var i = 0; i < hopTables.Length; i++)
        {
            var id = current[Hops[i].Ordinal];
            if (id is null)
                return null;
            var table = hopTables[i];
            SObjectRecord? parent;
            lock (table.SyncRoot)
                parent = table.FindById(id);
            if (parent is null)
                return null;
            current = parent;
        }
        return current[Field.Ordinal];
    }

    /// <summary>The record the first hop leads to (for REST's nested relationship objects); null when empty.</summary>
    public static SObjectRecord? Parent(SObjectRecord record, SObjectField lookup, SObjectTable table)
    {
        var id = record[lookup.Ordinal];
        if (id is null)
            return null;
        lock (table.SyncRoot)
            return table.FindById(id);
    }
}

using TargetSalesforce.Destination;

namespace TargetSalesforce.Salesforce.Describe;

/// <summary>One CSV column: where its value comes from in a record and which field's type converts it.</summary>
/// <param name="Header">The exact header: a field API name, or `Relationship.KeyField`.</param>
/// <param name="Property">The top-level record property that holds the value (as the stream names it).</param>
/// <param name="NestedKey">For a relationship column: the key inside the nested object (`External_Id__c`).</param>
/// <param name="Field">The field whose describe type decides the encoding (the parent's key for a relationship).</param>
/// <param name="ParentObject">For a relationship column: the object whose records it looks up.</param>
/// <param name="LockedObject">The object whose record saving this column's value locks (<see cref="ParentLocking"/>), or null.</param>
/// <param name="LookupField">For a relationship column: the lookup field it sets (`AccountId`), which a null clears.</param>
/// <param name="Compound">
/// A component of an address or geolocation (`BillingStreet`): <see cref="NestedKey"/> is its key in the record's object
/// (`street`), and the component's own name is read too.
/// </param>
/// <param name="Reference">
/// For a column the writer resolves before sending (a name to look up, a parent type each record names): how. Its header is
/// then the stream's own and never reaches Salesforce.
/// </param>
/// <param name="PolymorphicType">For a `Type:Relationship.Key` column: the parent type it names (REST sends it as `attributes.type`).</param>
internal sealed record MappedColumn(string Header, string Property, string? NestedKey, FieldDescribe Field, string? ParentObject = null,
    string? LockedObject = null, string? LookupField = null, bool Compound = false, ColumnReference? Reference = null, string? PolymorphicType = null);

/// <summary>The columns one stream writes into one object, and which column is the row's key.</summary>
/// <param name="IdsByExternalId">
/// The key column holds an external id that must become the row's Id before Bulk API takes the row (update and
/// delete name rows by Id; the stream has none).
/// </param>
internal sealed record FieldMap(ObjectOperation Operation, string ObjectName, IReadOnlyList<MappedColumn> Columns, int KeyColumn, bool IdsByExternalId = false)
{
    public IReadOnlyList<string> Headers { get; } = Columns.Select(c => c.Header).ToList();

    /// <summary>The other objects this map's relationship columns look records up in.</summary>
    public IReadOnlyCollection<string> ParentObjects { get; } = Columns
        .SelectMany(c => c.Reference is { Type: null } perRecord ? perRecord.Types.ToArray<string?>() : [c.ParentObject])
        .OfType<string>()
        .Where(parent => !string.Equals(parent, ObjectName, StringComparison.OrdinalIgnoreCase))
        .Distinct(StringComparer.OrdinalIgnoreCase)
        .ToList();

    /// <summary>The columns whose value names a parent record that saving the row locks.</summary>
    public int[] LockColumns { get; } = LockingColumns(Columns);

    /// <summary>Whether some column must be resolved before a batch goes out (<see cref="MappedColumn.Reference"/>).</summary>
    public bool HasReferences { get; } = Columns.Any(c => c.Reference is not null);

    // A loop: LINQ over (column, index) pairs would be compiled at every start for this one use.
    private static int[] LockingColumns(IReadOnlyList<MappedColumn> columns)
    {
        var locking = new List<int>();
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].LockedObject is not null || columns[i].Reference is { LocksParent: true })
            {
                locking.Add(i);
            }
        }

        return [.. locking];
    }
}

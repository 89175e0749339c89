using System.Globalization;
using SalesforceEmulator.Org;

namespace SalesforceEmulator.Rest.Soql;

/// <summary>The rows a query selects, with the columns it names: live records, or with queryAll the recycle bin's too.</summary>
public sealed record SoqlResult(SObjectSchema Schema, IReadOnlyList<SoqlColumn> Columns, int TotalSize, IReadOnlyList<SObjectRecord> Records)
{
    /// <summary>The field each column reads at the end of its path.</summary>
    public IReadOnlyList<SObjectField> Fields { get; } = Columns.Select(c => c.Field).ToList();
}

/// <summary>Runs a parsed query against the org; REST query/queryAll and Bulk API 2.0 query jobs share it.</summary>
public static class SoqlRunner
{
    /// <summary>Checks every name and literal of the query without reading a record (a Bulk query job checks at create).</summary>
    public static void Check(OrgStore org, SoqlQuery query)
    {
        var schema = Table(org, query).Schema;
        foreach (var name in query.Fields)
            SoqlColumn.Resolve(org, schema, name, query.Text);
        if (query.Where is { } where)
            SoqlFilter.Compile(org, schema, where, query.Text, org.Time.GetUtcNow());
        foreach (var order in query.Order)
            SoqlColumn.Resolve(org, schema, order.Field, query.Text);
    }

    public static SoqlResult Run(OrgStore org, SoqlQuery query, bool includeDeleted = false)
    {
        var table = Table(org, query);
        var schema = table.Schema;
        var columns = query.Fields.Select(name => SoqlColumn.Resolve(org, schema, name, query.Text)).ToList();
        var filter = query.Where is { } where ? SoqlFilter.Compile(org, schema, where, query.Text, org.Time.GetUtcNow()) : null;
        var order = query.Order.Select(o => (Column: SoqlColumn.Resolve(org, schema, o.Field, query.Text), Order: o)).ToList();

        var candidates = includeDeleted ? null : IndexedCandidates(table, query);
        IEnumerable<SObjectRecord> rows = candidates ?? (includeDeleted ? table.SnapshotWithDeleted() : table.SnapshotLive());
        if (filter is not null)
            rows = rows.Where(filter);
        var selected = rows.ToList();
        if (order.Count > 0)
        {
            var keys = order.Select(o => new ValueComparer(o.Column.Field, o.Order.NullsLast, o.Order.Descending)).ToArray();
            var sortKeys = selected.Select(r => order.Select(o => o.Column.Value(r)).ToArray()).ToList();
            var positions = Enumerable.Range(0, selected.Count).ToArray();
            // A stable sort on the keys in turn; ties keep the table's own order.
            Array.Sort(positions, (a, b) =>
            {
                for (var k = 0; k < keys.Length; k++)
                {
                    var c = keys[k].Compare(sortKeys[a][k], sortKeys[b][k]);
                    if (c != 0)
                        return c;
                }
                return a.CompareTo(b);
            });
            selected = positions.Select(p => selected[p]).ToList();
        }
        IEnumerable<SObjectRecord> page = selected.Skip(query.Offset ?? 0);
        if (query.Limit is int limit)
            page = page.Take(limit);
        var records = page.ToList();
        return new SoqlResult(schema, columns, records.Count, query.IsCount ? [] : records);
    }

    private static SObjectTable Table(OrgStore org, SoqlQuery query)
    {
        var table = org.Find(query.Object.Text) ?? throw SoqlErrors.UnknownObject(query.Text, query.Object);
        // The emulator runs no parent-to-child subqueries; it says so rather than answering without their rows.
        if (query.Subquery is { } subquery)
            throw new SoqlException("MALFORMED_QUERY", SoqlErrors.Located(query.Text, subquery.Column,
                "parent-to-child subqueries are not supported by this emulator"));
        return table;
    }

    /// <summary>
    /// When the WHERE clause is (or ANDs in) an equality or IN list on an indexed field of the object itself (Id, an
    /// external id, a unique field), the live records holding those values, in table order: a lookup of a few
    /// thousand keys then reads those records rather than every record. The whole clause still filters them.
    /// </summary>
    private static List<SObjectRecord>? IndexedCandidates(SObjectTable table, SoqlQuery query)
    {
        var conditions = query.Where switch
        {
            SoqlAnd and => and.Parts,
            { } single => [single],
            null => [],
        };
        foreach (var condition in conditions)
        {
            var (name, values) = condition switch
            {
                SoqlIn { Negated: false } list => (list.Field, list.Values),
                SoqlComparison { Operator: SoqlOperator.Equal } equal => (equal.Field, (IReadOnlyList<SoqlLiteral>)[equal.Value]),
                _ => (null, []),
            };
            if (name is null || name.Text.Contains('.', StringComparison.Ordinal))
                continue;
            var field = table.Schema.FindField(name.Text);
            if (field is null || !(field.Ordinal == SObjectSchema.IdOrdinal || field.Unique || field.ExternalId || field.IdLookup))
                continue;
            if (values.Any(v => v.Text is null || !v.IsString || v.Text.Contains('\\', StringComparison.Ordinal)) || !field.Type.IsText() && field.Ordinal != SObjectSchema.IdOrdinal)
                continue;
            var found = new HashSet<SObjectRecord>(ReferenceEqualityComparer.Instance);
            lock (table.SyncRoot)
            {
                foreach (var value in values)
                {
                    foreach (var record in table.FindByValue(field, value.Text))
                        found.Add(record);
                }
            }
            return found.OrderBy(r => r.Slot).ToList();
        }
        return null;
    }

    private sealed class ValueComparer(SObjectField field, bool nullsLast, bool descending) : IComparer<string?>
    {
        public int Compare(string? x, string? y)
        {
            if (x is null || y is null)
            {
                if (x is null && y is null)
                    return 0;
                return (x is null) == nullsLast ? 1 : -1;
            }
            var order = field.Type.IsNumeric()
                ? double.Parse(x, CultureInfo.InvariantCulture).CompareTo(double.Parse(y, CultureInfo.InvariantCulture))
                : string.Compare(x, y, StringComparison.OrdinalIgnoreCase);
            return descending ? -order : order;
        }
    }
}

using System.Globalization;
using SalesforceEmulator.Org;

namespace SalesforceEmulator.Rest.Soql;

/// <summary>The rows a query selects, with the fields it names: live records, or with queryAll the recycle bin's too.</summary>
public sealed record SoqlResult(SObjectSchema Schema, IReadOnlyList<SObjectField> Fields, int TotalSize, IReadOnlyList<SObjectRecord> Records);

/// <summary>Runs a parsed query against the org.</summary>
public static class SoqlRunner
{
    public static SoqlResult Run(OrgStore org, SoqlQuery query, bool includeDeleted = false)
    {
        var table = org.Find(query.Object.Text) ?? throw SoqlErrors.UnknownObject(query.Text, query.Object);
        var schema = table.Schema;
        SObjectField Field(SoqlName name) => schema.FindField(name.Text) ?? throw SoqlErrors.UnknownField(query.Text, name, schema.Name);

        var fields = query.Fields.Select(Field).ToList();
        var filters = query.Conditions.Select(c => (Field: Field(c.Field), c.Comparison, Value: Literal(Field(c.Field), c.Value, query))).ToList();
        var orderField = query.Order is { } order ? Field(order.Field) : null;

        IEnumerable<SObjectRecord> rows = includeDeleted ? table.SnapshotWithDeleted() : table.SnapshotLive();
        foreach (var (field, comparison, value) in filters)
        {
            rows = rows.Where(r => Matches(field, r[field.Ordinal], value) == (comparison == SoqlComparison.Equal));
        }
        var selected = rows.ToList();
        if (orderField is not null)
        {
            var comparer = new ValueComparer(orderField, query.Order!.NullsLast, query.Order.Descending);
            selected.Sort((a, b) => comparer.Compare(a[orderField.Ordinal], b[orderField.Ordinal]));
        }
        IEnumerable<SObjectRecord> page = selected.Skip(query.Offset);
        if (query.Limit is int limit)
            page = page.Take(limit);
        var records = page.ToList();
        return new SoqlResult(schema, fields, records.Count, query.IsCount ? [] : records);
    }

    /// <summary>The literal in the field's stored form, so comparisons are of like with like.</summary>
    private static string? Literal(SObjectField field, SoqlLiteral literal, SoqlQuery query)
    {
        if (literal.Text is null)
            return null;
        var textual = field.Type.IsText() || field.Type is FieldType.Id or FieldType.Reference;
        if (textual != literal.IsString)
            throw new SoqlException("INVALID_FIELD", SoqlErrors.Located(query.Text, 1,
                $"value of filter criterion for field '{field.Name}' must be of type {field.Type.ApiName()} and should {(textual ? "" : "not ")}be enclosed in quotes"));
        if (field.Type.IsText())
            return literal.Text;
        return FieldValues.Normalize(field, literal.Text, out var stored) == ValueProblem.None ? stored : literal.Text;
    }

    private static bool Matches(SObjectField field, string? stored, string? literal)
    {
        if (literal is null || stored is null)
            return literal is null && stored is null;
        if (field.Type.IsNumeric())
            return double.Parse(stored, CultureInfo.InvariantCulture) == (double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : double.NaN);
        // SOQL compares text case-insensitively.
        return string.Equals(stored, literal, StringComparison.OrdinalIgnoreCase);
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

using Microsoft.Extensions.Primitives;
using SalesforceEmulator.Org;

namespace SalesforceEmulator.WebConsole;

/// <summary>
/// The fields an object's record table shows: those named by `columns` (comma-separated, or repeated as the column
/// form sends them), else a default that identifies a record at a glance.
/// </summary>
internal static class ColumnChoice
{
    /// <summary>Default columns: as many as fit a laptop screen beside each other.</summary>
    public const int DefaultCount = 7;

    public static IReadOnlyList<SObjectField> Default(SObjectSchema schema)
    {
        var chosen = new List<SObjectField> { schema.Id };
        void Add(SObjectField field)
        {
            if (chosen.Count < DefaultCount - 1 && !chosen.Contains(field))
                chosen.Add(field);
        }

        // What names a record first (Name, LastName...), then its external ids, then the fields a load writes.
        foreach (var field in schema.Fields.Where(f => f.Definition.NameField))
            Add(field);
        foreach (var field in schema.Fields.Where(f => f.ExternalId))
            Add(field);
        foreach (var field in schema.Fields.Where(f => f.Createable && f.Type != FieldType.Textarea))
            Add(field);
        chosen.Add(schema.LastModifiedDate);
        return chosen;
    }

    /// <summary>The requested fields in the order given; false with a message naming the first unknown one.</summary>
    public static bool TryParse(SObjectSchema schema, StringValues requested, out IReadOnlyList<SObjectField> columns, out string problem)
    {
        var names = requested
            .SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToList();
        problem = "";
        if (names.Count == 0)
        {
            columns = Default(schema);
            return true;
        }

        var chosen = new List<SObjectField>();
        foreach (var name in names)
        {
            var field = schema.FindField(name);
            if (field is null)
            {
                columns = [];
                problem = $"{schema.Name} has no field '{name}' (asked for in columns={string.Join(',', names)}).";
                return false;
            }
            if (!chosen.Contains(field))
                chosen.Add(field);
        }
        columns = chosen;
        return true;
    }
}

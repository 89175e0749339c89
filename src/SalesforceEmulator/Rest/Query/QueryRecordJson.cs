using System.Text.Json;
using SalesforceEmulator.Org;
using SalesforceEmulator.Rest.Soql;

namespace SalesforceEmulator.Rest.Query;

/// <summary>
/// A queried record as REST returns it: attributes, then the selected fields in order; a parent's fields
/// (<c>Account.Name</c>) come as a nested object under the relationship name, with its own attributes, placed where
/// the first of them was selected, or null when the lookup is empty.
/// </summary>
public static class QueryRecordJson
{
    public static void Write(Utf8JsonWriter writer, SObjectSchema schema, SObjectRecord record, IReadOnlyList<SoqlColumn> columns, string version) =>
        WriteLevel(writer, schema, record, columns.Select(c => (Column: c, Depth: 0)).ToList(), version);

    private static void WriteLevel(Utf8JsonWriter writer, SObjectSchema schema, SObjectRecord record, List<(SoqlColumn Column, int Depth)> columns, string version)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("attributes");
        writer.WriteString("type", schema.Name);
        writer.WriteString("url", $"/services/data/v{version}/sobjects/{schema.Name}/{record.Id}");
        writer.WriteEndObject();
        var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (column, depth) in columns)
        {
            if (depth == column.Hops.Count)
            {
                if (!written.Add(column.Field.Name))
                    continue;
                if (column.Field.Type.IsCompound())
                {
                    writer.WritePropertyName(column.Field.Name);
                    CompoundValueJson.Write(writer, schema, column.Field, record);
                }
                else
                {
                    RecordJson.WriteField(writer, column.Field, record[column.Field.Ordinal]);
                }
                continue;
            }
            var lookup = column.Hops[depth];
            var relationship = lookup.Definition.RelationshipName!;
            if (!written.Add(relationship + "."))
                continue;
            writer.WritePropertyName(relationship);
            var table = column.HopTables[depth];
            var parent = SoqlColumn.Parent(record, lookup, table);
            if (parent is null)
            {
                writer.WriteNullValue();
                continue;
            }
            var below = columns.Where(c => c.Depth < c.Column.Hops.Count && c.Column.Hops[c.Depth] == lookup)
                .Select(c => (c.Column, c.Depth + 1)).ToList();
            WriteLevel(writer, table.Schema, parent, below, version);
        }
        writer.WriteEndObject();
    }
}

using SalesforceEmulator.Org;

namespace SalesforceEmulator.WebConsole;

/// <summary>A record's value in a table cell: ids link to the record, lookups to the record they name, text as text.</summary>
internal static class RecordValue
{
    public static void Cell(HtmlWriter html, OrgStore org, SObjectSchema schema, SObjectField field, string?[] values)
    {
        var value = values[field.Ordinal];
        if (value is null)
        {
            html.Cell(null, "null");
            return;
        }
        if (Link(org, schema, field, value) is { } href)
            html.Open("td", ("class", "id")).Link(href, value).Close("td");
        else
            html.Cell(value, field.Type.IsNumeric() ? "number value" : "value");
    }

    /// <summary>The record page an id or lookup value leads to, when the org has that object.</summary>
    public static string? Link(OrgStore org, SObjectSchema schema, SObjectField field, string value)
    {
        if (field.Ordinal == SObjectSchema.IdOrdinal)
            return ConsoleLinks.Record(schema.Name, value);
        if (field.Type == FieldType.Reference && value.Length >= 3 && org.FindByKeyPrefix(value[..3]) is { } target)
            return ConsoleLinks.Record(target.Schema.Name, value);
        return null;
    }
}

using SalesforceEmulator.Org;

namespace SalesforceEmulator.WebConsole;

/// <summary>Every object of the org with its record count and the rows jobs wrote to it.</summary>
internal static class ObjectsPage
{
    public static ConsolePage Render(OrgStore org)
    {
        var written = org.RowsByObjectAndOperation();
        return ConsolePage.Render("Objects", ConsoleSection.Objects, page =>
        {
            page.Open("table", ("class", "objects"));
            page.Open("thead").HeaderRow("Object", "Label", "Key prefix", "Records", "Rows written by jobs", "Fields").Close("thead");
            page.Open("tbody");
            foreach (var table in org.Tables.OrderBy(t => t.Schema.Name, StringComparer.OrdinalIgnoreCase))
            {
                var schema = table.Schema;
                int records;
                lock (table.SyncRoot)
                    records = table.LiveCount;
                var rows = written.TryGetValue(schema.Name, out var byOperation)
                    ? string.Join(", ", byOperation.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {ConsoleFormat.Count(p.Value)}"))
                    : "";
                page.Open("tr", ("id", schema.Name));
                page.LinkCell(ConsoleLinks.Object(schema.Name), schema.Name);
                page.Cell(schema.Label);
                page.Cell(schema.KeyPrefix, "id");
                page.Cell(ConsoleFormat.Count(records), "number");
                page.Cell(rows);
                page.Cell(ConsoleFormat.Count(schema.Fields.Count), "number");
                page.Close("tr");
            }
            page.Close("tbody").Close("table");
        });
    }
}

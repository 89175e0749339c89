using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using SalesforceEmulator.Org;

namespace SalesforceEmulator.WebConsole;

/// <summary>One object: its records, newest first and paged, in the columns asked for, then its describe.</summary>
internal static class ObjectPage
{
    /// <summary>Records on one page: a screenful or two, cheap to decode.</summary>
    public const int RecordsPerPage = 50;

    public static ConsolePage Render(OrgStore org, string objectName, StringValues requestedColumns, int page)
    {
        var table = org.Find(objectName);
        if (table is null)
            return ConsolePage.Problem(StatusCodes.Status404NotFound, "No such object",
                $"This org has no object {objectName}.", ConsoleSection.Objects, ConsoleLinks.Objects, "Every object of the org");
        var schema = table.Schema;
        if (!ColumnChoice.TryParse(schema, requestedColumns, out var columns, out var problem))
            return ConsolePage.Problem(StatusCodes.Status400BadRequest, "Unknown column", problem, ConsoleSection.Objects,
                ConsoleLinks.Object(schema.Name), $"{schema.Name} with its default columns and its fields");

        var live = NewestFirst(table);
        var pageCount = Math.Max(1, (live.Count + RecordsPerPage - 1) / RecordsPerPage);
        var onPage = live.Skip((page - 1) * RecordsPerPage).Take(RecordsPerPage).Select(r => r.ToArray()).ToList();

        return ConsolePage.Render(schema.Name, ConsoleSection.Objects, html =>
        {
            html.Element("p", $"{schema.Label} · key prefix {schema.KeyPrefix} · {ConsoleFormat.Count(live.Count)} record{(live.Count == 1 ? "" : "s")}, newest first.",
                ("class", "summary"));
            ColumnForm(html, schema, columns);
            if (onPage.Count == 0)
            {
                html.Element("p", live.Count == 0 ? "No records." : $"No records on page {page}.", ("class", "empty"));
            }
            else
            {
                html.Open("div", ("class", "scroll")).Open("table", ("class", "records"));
                html.Open("thead").HeaderRow(columns.Select(c => c.Name).ToArray()).Close("thead");
                html.Open("tbody");
                foreach (var values in onPage)
                {
                    html.Open("tr");
                    foreach (var column in columns)
                        RecordValue.Cell(html, org, schema, column, values);
                    html.Close("tr");
                }
                html.Close("tbody").Close("table").Close("div");
            }
            Pager.Write(html, page, pageCount, p => ConsoleLinks.ObjectPage(schema.Name, columns.Select(c => c.Name), p));
            ObjectDescribe.Write(html, org, schema);
        });
    }

    /// <summary>
    /// Live records, the most recently created first. The table numbers the records it creates in order, so the
    /// number says which is newer; records stored with ids of their own (the org definition's seeds) came first.
    /// </summary>
    private static List<SObjectRecord> NewestFirst(SObjectTable table)
    {
        return table.SnapshotLive().OrderByDescending(r => r.Sequence ?? long.MinValue).ToList();
    }

    /// <summary>A form of one checkbox per field; sending it reloads the page with those columns (no script).</summary>
    private static void ColumnForm(HtmlWriter html, SObjectSchema schema, IReadOnlyList<SObjectField> columns)
    {
        html.Open("details", ("class", "columns")).Element("summary", "Columns");
        html.Open("form", ("method", "get"), ("action", ConsoleLinks.Object(schema.Name)));
        foreach (var field in schema.Fields)
        {
            html.Open("label")
                .Open("input", ("type", "checkbox"), ("name", "columns"), ("value", field.Name), ("checked", columns.Contains(field) ? "checked" : null))
                .Text(" " + field.Name)
                .Close("label");
        }
        html.Open("button", ("type", "submit")).Text("Show these columns").Close("button");
        html.Close("form").Close("details");
    }
}

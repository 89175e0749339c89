using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Org;

namespace SalesforceEmulator.WebConsole;

/// <summary>One record with every field, as a list view's detail page shows it; lookups lead to the records they name.</summary>
internal static class RecordPage
{
    public static ConsolePage Render(OrgStore org, string objectName, string id)
    {
        var table = org.Find(objectName);
        if (table is null)
            return ConsolePage.Problem(StatusCodes.Status404NotFound, "No such object",
                $"This org has no object {objectName}.", ConsoleSection.Objects, ConsoleLinks.Objects, "Every object of the org");
        var schema = table.Schema;
        SObjectRecord? record = null;
        if (SalesforceId.TryNormalize(id, out var id18))
        {
            lock (table.SyncRoot)
                record = table.FindById(id18);
        }
        if (record is null)
            return ConsolePage.Problem(StatusCodes.Status404NotFound, "No such record",
                $"{schema.Name} has no record {id}.", ConsoleSection.Objects, ConsoleLinks.Object(schema.Name), $"Every {schema.Name} record");

        var values = record.ToArray();
        return ConsolePage.Render($"{schema.Name} {values[SObjectSchema.IdOrdinal]}", ConsoleSection.Objects, html =>
        {
            if (record.IsDeleted)
                html.Element("p", "This record is in the recycle bin: queries no longer return it.", ("class", "problem"));
            html.Open("p").Link(ConsoleLinks.Object(schema.Name), $"All {schema.Name} records").Close("p");
            html.Open("table", ("class", "record"));
            html.Open("thead").HeaderRow("Field", "Type", "Value").Close("thead");
            html.Open("tbody");
            foreach (var field in schema.Fields)
            {
                html.Open("tr");
                html.Cell(field.Name, "id");
                html.Cell(field.Type.ApiName(), "muted");
                RecordValue.Cell(html, org, schema, field, values);
                html.Close("tr");
            }
            html.Close("tbody").Close("table");
        });
    }
}

using SalesforceEmulator.Org;

namespace SalesforceEmulator.WebConsole;

/// <summary>
/// An object's describe as a person reads it: each field with its type and the flags a load depends on (required,
/// createable, updateable, external id), then the lookups it holds and the objects that look it up.
/// </summary>
internal static class ObjectDescribe
{
    public static void Write(HtmlWriter html, OrgStore org, SObjectSchema schema)
    {
        html.Element("h2", "Describe", ("id", "describe"));
        html.Open("div", ("class", "scroll")).Open("table", ("class", "describe"));
        html.Open("thead").HeaderRow("Field", "Label", "Type", "Required on create", "Createable", "Updateable", "External id", "Unique", "Details").Close("thead");
        html.Open("tbody");
        foreach (var field in schema.Fields)
        {
            html.Open("tr");
            html.Cell(field.Name, "id");
            html.Cell(field.Label);
            html.Cell(TypeText(field));
            Flag(html, field.RequiredOnCreate);
            Flag(html, field.Createable);
            Flag(html, field.Updateable);
            Flag(html, field.ExternalId);
            Flag(html, field.Unique);
            html.Cell(Details(field));
            html.Close("tr");
        }
        html.Close("tbody").Close("table").Close("div");

        Relationships(html, org, schema);
    }

    private static void Relationships(HtmlWriter html, OrgStore org, SObjectSchema schema)
    {
        html.Element("h2", "Relationships");
        var lookups = schema.Fields.Where(f => f.Type == FieldType.Reference).ToList();
        var children = org.Tables
            .SelectMany(t => t.Schema.Fields.Where(f => f.Type == FieldType.Reference
                && f.Definition.ReferenceTo.Contains(schema.Name, StringComparer.OrdinalIgnoreCase)).Select(f => (Child: t.Schema, Field: f)))
            .ToList();
        if (lookups.Count == 0 && children.Count == 0)
        {
            html.Element("p", $"{schema.Name} looks up no object, and no object looks it up.", ("class", "empty"));
            return;
        }

        html.Open("ul", ("class", "relationships"));
        foreach (var field in lookups)
        {
            html.Open("li").Text($"{field.Name} (relationship {field.Definition.RelationshipName}) looks up ");
            LinkedNames(html, field.Definition.ReferenceTo);
            html.Text($"; a load can set it by the parent's external id as {field.Definition.RelationshipName}.<field>.").Close("li");
        }
        foreach (var (child, field) in children)
        {
            html.Open("li").Link(ConsoleLinks.Object(child.Name), child.Name).Text($".{field.Name} looks up {schema.Name}.").Close("li");
        }
        html.Close("ul");
    }

    private static void LinkedNames(HtmlWriter html, List<string> names)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (i > 0)
                html.Text(", ");
            html.Link(ConsoleLinks.Object(names[i]), names[i]);
        }
    }

    private static string TypeText(SObjectField field)
    {
        var d = field.Definition;
        var type = field.Type.ApiName();
        if (field.Type.IsText() && field.Length > 0 && field.Type is not (FieldType.Picklist or FieldType.Multipicklist))
            return $"{type}({field.Length})";
        if (d.Precision is { } precision)
            return $"{type}({precision}, {d.Scale ?? 0})";
        return type;
    }

    private static string Details(SObjectField field)
    {
        var parts = new List<string>();
        if (field.Type == FieldType.Reference)
            parts.Add($"→ {string.Join(", ", field.Definition.ReferenceTo)} as {field.Definition.RelationshipName}");
        if (field.IdLookup && field.Ordinal != SObjectSchema.IdOrdinal)
            parts.Add("id lookup");
        if (!field.Nillable)
            parts.Add("not nillable");
        if (field.Definition.Calculated)
            parts.Add("calculated");
        if (field.ActivePicklistValues.Count > 0)
        {
            var values = field.Definition.PicklistValues.Where(p => p.Active).Select(p => p.Value).ToList();
            parts.Add((field.Definition.RestrictedPicklist ? "restricted to: " : "values: ") + string.Join(", ", values));
        }
        return string.Join("; ", parts);
    }

    private static void Flag(HtmlWriter html, bool on) => html.Cell(on ? "yes" : "", on ? "flag on" : "flag");
}

using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace SalesforceEmulator.WebConsole;

/// <summary>
/// Builds a page's HTML. Every text and attribute value goes through the HTML encoder: record values, user agents
/// and fault messages are untrusted, so nothing but the tag and attribute names written in this project's code
/// reaches the page unencoded.
/// </summary>
internal sealed class HtmlWriter
{
    // Non-ASCII text stays readable in the source; markup characters and quotes are always encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly StringBuilder html = new(8192);

    /// <summary>Opens an element. Attributes with a null value are left out; the others are encoded.</summary>
    public HtmlWriter Open(string tag, params (string Name, string? Value)[] attributes)
    {
        html.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
        {
            if (value is null)
                continue;
            html.Append(' ').Append(name).Append("=\"").Append(Encoder.Encode(value)).Append('"');
        }
        html.Append('>');
        return this;
    }

    public HtmlWriter Close(string tag)
    {
        html.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>Encoded text.</summary>
    public HtmlWriter Text(string? text)
    {
        if (!string.IsNullOrEmpty(text))
            html.Append(Encoder.Encode(text));
        return this;
    }

    /// <summary>An element holding encoded text.</summary>
    public HtmlWriter Element(string tag, string? text, params (string Name, string? Value)[] attributes) =>
        Open(tag, attributes).Text(text).Close(tag);

    public HtmlWriter Link(string href, string? text, string? cssClass = null) =>
        Element("a", text, ("href", href), ("class", cssClass));

    /// <summary>A table cell with encoded text; <paramref name="cssClass"/> styles it (numbers, states).</summary>
    public HtmlWriter Cell(string? text, string? cssClass = null) => Element("td", text, ("class", cssClass));

    /// <summary>A table cell holding a link.</summary>
    public HtmlWriter LinkCell(string href, string? text, string? cssClass = null) => Open("td", ("class", cssClass)).Link(href, text).Close("td");

    /// <summary>A header row of the given column names.</summary>
    public HtmlWriter HeaderRow(params string[] names)
    {
        Open("tr");
        foreach (var name in names)
            Element("th", name, ("scope", "col"));
        return Close("tr");
    }

    public HtmlWriter Doctype()
    {
        html.Append("<!DOCTYPE html>\n");
        return this;
    }

    public override string ToString() => html.ToString();
}

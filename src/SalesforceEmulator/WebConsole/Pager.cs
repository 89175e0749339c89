namespace SalesforceEmulator.WebConsole;

/// <summary>The "page N of M" line under a paged table, with links to the neighbours.</summary>
internal static class Pager
{
    public static void Write(HtmlWriter html, int page, int pageCount, Func<int, string> link)
    {
        if (pageCount <= 1 && page <= 1)
            return;
        html.Open("nav", ("class", "pager"), ("aria-label", "Pages"));
        if (page > 1)
            html.Link(link(Math.Min(page - 1, Math.Max(1, pageCount))), "← previous", "prev");
        html.Element("span", $"page {page} of {Math.Max(1, pageCount)}");
        if (page < pageCount)
            html.Link(link(page + 1), "next →", "next");
        html.Close("nav");
    }
}

using System.Text;
using Microsoft.AspNetCore.Http;

namespace SalesforceEmulator.WebConsole;

/// <summary>The console's sections, for the navigation bar.</summary>
internal enum ConsoleSection
{
    Jobs,
    Objects,
    Activity,
}

/// <summary>
/// One console page as an HTTP answer: the shared frame (title, navigation) around a page's body, sent with headers
/// that keep untrusted data inert even if an encoding slipped: a Content-Security-Policy that allows no script at
/// all and only the console's own stylesheet, no MIME sniffing, no framing, no caching.
/// </summary>
internal sealed class ConsolePage : IResult
{
    /// <summary>No script, no plugin, no external asset: styles from the console's own stylesheet only.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>Seconds between reloads while a job runs: quick enough to watch a dry run, slow enough to read a table.</summary>
    public const int RefreshSeconds = 3;

    private readonly string html;
    private readonly int status;
    private readonly bool refresh;

    private ConsolePage(string html, int status, bool refresh)
    {
        this.html = html;
        this.status = status;
        this.refresh = refresh;
    }

    /// <summary>
    /// A page. <paramref name="refresh"/>: the browser reloads it every <see cref="RefreshSeconds"/> (the Refresh
    /// header, which needs no script), for pages that show a job still queued or processing.
    /// </summary>
    public static ConsolePage Render(string title, ConsoleSection section, Action<HtmlWriter> body, bool refresh = false,
        int status = StatusCodes.Status200OK)
    {
        var page = new HtmlWriter();
        page.Doctype().Open("html", ("lang", "en")).Open("head")
            .Open("meta", ("charset", "utf-8"))
            .Open("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1"))
            .Element("title", $"{title} · Salesforce emulator")
            .Open("link", ("rel", "stylesheet"), ("href", ConsoleLinks.Stylesheet))
            .Open("link", ("rel", "icon"), ("type", "image/svg+xml"), ("href", ConsoleLinks.Icon))
            .Close("head")
            .Open("body");

        page.Open("header").Open("nav", ("aria-label", "Console"));
        page.Link(ConsoleLinks.Home, "Salesforce emulator", "brand");
        NavLink(page, ConsoleLinks.Home, "Jobs", section == ConsoleSection.Jobs);
        NavLink(page, ConsoleLinks.Objects, "Objects", section == ConsoleSection.Objects);
        NavLink(page, ConsoleLinks.Activity, "Activity", section == ConsoleSection.Activity);
        if (refresh)
            page.Element("span", $"refreshing every {RefreshSeconds} s while jobs run", ("class", "live"));
        page.Close("nav").Close("header");

        page.Open("main").Element("h1", title);
        body(page);
        page.Close("main");
        page.Open("footer").Text("Read-only view of this emulator's org, jobs and traffic. Served on loopback only.").Close("footer");
        page.Close("body").Close("html");
        return new ConsolePage(page.ToString(), status, refresh);
    }

    /// <summary>A page that says what was not found or not understood, and where to go instead.</summary>
    public static ConsolePage Problem(int status, string title, string message, ConsoleSection section, string? nextHref = null, string? nextText = null) =>
        Render(title, section, page =>
        {
            page.Element("p", message, ("class", "problem"));
            if (nextHref is not null)
                page.Open("p").Link(nextHref, nextText ?? nextHref).Close("p");
        }, status: status);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var bytes = Encoding.UTF8.GetBytes(html);
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength = bytes.Length;
        ApplySafetyHeaders(response);
        if (refresh)
            response.Headers["Refresh"] = RefreshSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await response.Body.WriteAsync(bytes, httpContext.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The headers every console answer carries (pages, the stylesheet, result files).</summary>
    public static void ApplySafetyHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
    }

    private static void NavLink(HtmlWriter page, string href, string text, bool current) =>
        page.Element("a", text, ("href", href), ("aria-current", current ? "page" : null));
}

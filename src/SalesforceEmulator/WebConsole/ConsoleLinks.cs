namespace SalesforceEmulator.WebConsole;

/// <summary>The console's URLs, in one place so pages and routes agree. Segments taken from data are escaped.</summary>
internal static class ConsoleLinks
{
    public const string Prefix = "/__emulator/ui";

    public const string Home = Prefix + "/";

    public const string Stylesheet = Prefix + "/console.css";

    public const string Icon = Prefix + "/favicon.svg";

    public const string Objects = Prefix + "/objects";

    public const string Activity = Prefix + "/activity";

    public static string Job(string id) => $"{Prefix}/jobs/{Uri.EscapeDataString(id)}";

    public static string JobPage(string id, int page) => page <= 1 ? Job(id) : $"{Job(id)}?page={page}";

    public static string JobResults(string id, string kind) => $"{Job(id)}/{Uri.EscapeDataString(kind)}";

    public static string Object(string name) => $"{Objects}/{Uri.EscapeDataString(name)}";

    public static string ObjectPage(string name, IEnumerable<string> columns, int page)
    {
        var query = "?columns=" + Uri.EscapeDataString(string.Join(',', columns));
        return Object(name) + query + (page > 1 ? $"&page={page}" : "");
    }

    public static string Record(string objectName, string id) => $"{Object(objectName)}/{Uri.EscapeDataString(id)}";
}

namespace SalesforceEmulator.Faults;

/// <summary>
/// A fault's "route": an optional method and a path pattern, e.g. "PUT /jobs/ingest/*/batches". The pattern
/// matches the END of the request path segment by segment (so the API version prefix need not be written),
/// "*" stands for exactly one segment, and comparison ignores case.
/// </summary>
public sealed class RouteMatcher
{
    private readonly string? method;
    private readonly string[] segments;

    private RouteMatcher(string? method, string[] segments)
    {
        this.method = method;
        this.segments = segments;
    }

    /// <summary>Matches every request.</summary>
    public static RouteMatcher Any { get; } = new(null, []);

    /// <summary>Parses "METHOD /path" or "/path"; returns null with a reason when the text is not a route.</summary>
    public static RouteMatcher? Parse(string text, out string? error)
    {
        error = null;
        var parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var (verb, path) = parts.Length switch
        {
            1 => ((string?)null, parts[0]),
            2 => (parts[0].ToUpperInvariant(), parts[1]),
            _ => (null, ""),
        };
        if (!path.StartsWith('/'))
        {
            error = $"'{text}' is not a route: write \"METHOD /path/pattern\" or \"/path/pattern\"";
            return null;
        }

        return new RouteMatcher(verb is null or "*" ? null : verb, path.Split('/', StringSplitOptions.RemoveEmptyEntries));
    }

    public bool Matches(string requestMethod, string requestPath)
    {
        if (method is not null && !string.Equals(method, requestMethod, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var actual = requestPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (actual.Length < segments.Length)
        {
            return false;
        }

        var offset = actual.Length - segments.Length;
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i] != "*" && !string.Equals(segments[i], actual[offset + i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}

namespace TargetSalesforce.Salesforce.Http;

/// <summary>
/// One call to Salesforce. The body is a factory so every attempt (retry, replay after a session
/// refresh) sends a fresh copy of the same bytes.
/// </summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">Absolute URL (login) or a path under the session's instance URL.</param>
/// <param name="Purpose">A few words for error messages ("create job").</param>
/// <param name="Replay">What a repeat of this request would do.</param>
internal sealed record ApiRequest(HttpMethod Method, string Path, string Purpose, ReplayRule Replay)
{
    public Func<HttpContent>? Content { get; init; }

    public string Accept { get; init; } = "application/json";

    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Names the request in errors and logs: method, path (never a query or body) and purpose.</summary>
    public string Description => $"{Method} {PathWithoutQuery} ({Purpose})";

    private string PathWithoutQuery => Path.Split('?')[0];
}

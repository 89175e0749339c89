using System.Net;
using System.Text;

namespace TargetSalesforce.Salesforce.Http;

/// <summary>A fully read answer: status, media type and body bytes (read inside the attempt's timeout).</summary>
internal sealed record ApiResponse(HttpStatusCode Status, string? MediaType, byte[] Body)
{
    /// <summary>The answer's `Sforce-*` headers (a query result's locator and record count); the rest are not kept.</summary>
    public IReadOnlyDictionary<string, string> SforceHeaders { get; init; } = new Dictionary<string, string>();

    /// <summary>One `Sforce-*` header's value, or null when the answer has none.</summary>
    public string? Header(string name) => SforceHeaders.TryGetValue(name, out var value) ? value : null;

    /// <summary>The `Sforce-Limit-Info` header (`api-usage=N/M`), when Salesforce sent one.</summary>
    public string? LimitInfo { get; init; }

    public bool IsSuccess => (int)Status is >= 200 and < 300;

    public string BodyText => Encoding.UTF8.GetString(Body);

    public bool LooksLikeHtml =>
        MediaType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true ||
        BodyText.TrimStart().StartsWith('<') && BodyText.Contains("<html", StringComparison.OrdinalIgnoreCase);
}

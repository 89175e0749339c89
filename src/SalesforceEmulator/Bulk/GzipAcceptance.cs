using Microsoft.AspNetCore.Http;

namespace SalesforceEmulator.Bulk;

/// <summary>Whether a request's Accept-Encoding lists gzip (Bulk results are then sent compressed, as Salesforce does).</summary>
public static class GzipAcceptance
{
    public static bool Accepts(HttpRequest request) =>
        request.Headers.AcceptEncoding.Any(value => value is not null && value.Split(',')
            .Select(part => part.Split(';')[0].Trim())
            .Any(coding => coding.Equals("gzip", StringComparison.OrdinalIgnoreCase)));
}

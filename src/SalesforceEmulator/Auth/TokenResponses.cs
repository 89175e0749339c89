using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Hosting;

namespace SalesforceEmulator.Auth;

/// <summary>
/// How the token endpoint writes its answer, success or error: JSON by default, or URL-encoded or XML when
/// the request asks with `format` (json, urlencoded, xml) or, failing that, with its Accept header, as
/// Salesforce documents. The fields keep the order given.
/// </summary>
public enum TokenResponseFormat
{
    Json,
    UrlEncoded,
    Xml,
}

public static class TokenResponses
{
    // Relaxed escaping keeps '+' and '/' of the Base64 signature as the real server writes them.
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>`format` wins; then the first of the three media types the Accept header names; else JSON.</summary>
    public static TokenResponseFormat Choose(string? format, string accept)
    {
        switch (format?.ToLowerInvariant())
        {
            case "urlencoded":
                return TokenResponseFormat.UrlEncoded;
            case "xml":
                return TokenResponseFormat.Xml;
            case "json":
                return TokenResponseFormat.Json;
        }

        var named = new[]
        {
            (Type: "application/json", Format: TokenResponseFormat.Json),
            (Type: "application/x-www-form-urlencoded", Format: TokenResponseFormat.UrlEncoded),
            (Type: "application/xml", Format: TokenResponseFormat.Xml),
        }
            .Select(m => (m.Format, At: accept.IndexOf(m.Type, StringComparison.OrdinalIgnoreCase)))
            .Where(m => m.At >= 0)
            .OrderBy(m => m.At)
            .ToList();
        return named.Count > 0 ? named[0].Format : TokenResponseFormat.Json;
    }

    public static Task WriteAsync(HttpContext http, TokenResponseFormat format, int status, IReadOnlyList<(string Name, string Value)> fields)
    {
        http.Response.StatusCode = status;
        (http.Response.ContentType, var body) = format switch
        {
            TokenResponseFormat.UrlEncoded => ("application/x-www-form-urlencoded;charset=UTF-8",
                string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Name)}={Uri.EscapeDataString(f.Value)}"))),
            TokenResponseFormat.Xml => ("application/xml;charset=UTF-8",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" +
                new XElement("OAuth", fields.Select(f => new XElement(f.Name, f.Value))).ToString(SaveOptions.DisableFormatting)),
            _ => (ApiErrors.JsonContentType, Json(fields)),
        };
        return http.Response.WriteAsync(body, http.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext http, TokenResponseFormat format, string error, string description) =>
        WriteAsync(http, format, StatusCodes.Status400BadRequest, [("error", error), ("error_description", description)]);

    private static string Json(IReadOnlyList<(string Name, string Value)> fields)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace SalesforceEmulator.Auth;

/// <summary>
/// Who the calling app is: client_id and client_secret from the form, or from an HTTP Basic header
/// (Salesforce takes either). An app with a secret must send it; one without needs none.
/// </summary>
public static class ClientAuthentication
{
    /// <returns>The app, or the refusal (unknown app, or a wrong or missing secret).</returns>
    public static (ConnectedApp? App, GrantOutcome? Refusal) Authenticate(HttpRequest request, IFormCollection form, LoginDirectory credentials)
    {
        var (clientId, secret) = FromBasicHeader(request) ?? (Field(form, "client_id"), Field(form, "client_secret"));
        var app = credentials.FindApp(clientId ?? "");
        if (app is null)
        {
            return (null, GrantOutcome.Refused("invalid_client_id", "client identifier invalid"));
        }

        if (app.ClientSecret is not null && !FixedTimeEquals(secret, app.ClientSecret))
        {
            return (null, GrantOutcome.Refused("invalid_client", "invalid client credentials"));
        }

        return (app, null);
    }

    public static bool FixedTimeEquals(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    private static string? Field(IFormCollection form, string name) => form.TryGetValue(name, out var v) ? v.ToString() : null;

    private static (string? Id, string? Secret)? FromBasicHeader(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            || !header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return null;
        }

        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (pair, null) : (Uri.UnescapeDataString(pair[..colon]), Uri.UnescapeDataString(pair[(colon + 1)..]));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

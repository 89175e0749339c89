using System.Net;
using Microsoft.AspNetCore.Http;

namespace SalesforceEmulator.Auth;

/// <summary>
/// GET /services/oauth2/authorize, the web-server flow's first step. A real org shows its login and
/// approval pages; the emulator has no one to ask, so it logs the default user in at once and sends
/// the browser straight back to the redirect URI with a code (and the state given). Errors it can send
/// back go to the redirect URI as `error` and `error_description`; an unknown app or a redirect URI it
/// will not send to get a plain page instead, as on Salesforce.
/// </summary>
public static class AuthorizeEndpoint
{
    public static Task HandleAsync(HttpContext http, LoginDirectory credentials, AuthorizationCodes codes)
    {
        var query = http.Request.Query;
        string? Field(string name) => query.TryGetValue(name, out var v) && v.Count > 0 ? v[0] : null;

        var app = credentials.FindApp(Field("client_id") ?? "");
        if (app is null)
        {
            return PageAsync(http, "invalid_client_id", "client identifier invalid");
        }

        var redirect = Field("redirect_uri");
        if (redirect is null || !IsLoopbackRedirect(redirect))
        {
            // The app's callback URLs are not modelled: any loopback URL is taken (and nothing else), so a login on any port works.
            return PageAsync(http, "redirect_uri_mismatch", "redirect_uri must match configuration");
        }

        var state = Field("state");
        if (Field("response_type") != "code")
        {
            return RedirectAsync(http, redirect, state, ("error", "unsupported_response_type"), ("error_description", "response type not supported"));
        }

        var method = Field("code_challenge_method");
        var challenge = Field("code_challenge");
        if ((method is not null && method != "S256") || (challenge is not null && !IsBase64UrlSha256(challenge)))
        {
            // Salesforce documents the challenge as the base64url SHA-256 of the verifier: "plain" is not offered.
            return RedirectAsync(http, redirect, state, ("error", "invalid_request"), ("error_description", "invalid code challenge"));
        }

        var code = codes.Issue(app.ClientId, credentials.DefaultUser.Username, redirect, challenge);
        return RedirectAsync(http, redirect, state, ("code", code));
    }

    private static bool IsLoopbackRedirect(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url)
        && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
        && (url.IsLoopback || url.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase));

    // 32 bytes of SHA-256 in base64url without padding: 43 characters of A-Z a-z 0-9 - _.
    private static bool IsBase64UrlSha256(string challenge) =>
        challenge.Length == 43 && challenge.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static Task RedirectAsync(HttpContext http, string redirect, string? state, params (string Name, string Value)[] fields)
    {
        var parts = fields.Select(f => $"{f.Name}={Uri.EscapeDataString(f.Value)}").ToList();
        if (state is not null)
        {
            parts.Add($"state={Uri.EscapeDataString(state)}");
        }

        var separator = redirect.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        http.Response.StatusCode = StatusCodes.Status302Found;
        http.Response.Headers.Location = redirect + separator + string.Join('&', parts);
        http.Response.Headers.CacheControl = "no-cache,must-revalidate,max-age=0,no-store,private";
        return Task.CompletedTask;
    }

    private static Task PageAsync(HttpContext http, string error, string description)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        http.Response.ContentType = "text/html;charset=UTF-8";
        return http.Response.WriteAsync(
            $"<html><head><title>Error</title></head><body><p>error={WebUtility.HtmlEncode(error)}&amp;error_description={WebUtility.HtmlEncode(description)}</p></body></html>",
            http.RequestAborted);
    }
}

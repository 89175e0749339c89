using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Faults;
using SalesforceEmulator.Hosting;

namespace SalesforceEmulator.Auth;

/// <summary>
/// Lets a request to a session-protected route through only with a live access token, and otherwise answers
/// 401 with the real API's INVALID_SESSION_ID body. Session-expiry faults are applied here too.
/// </summary>
public static class SessionGate
{
    public const string InvalidSessionBody = "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]";

    private static readonly object SessionKey = new();

    public static IApplicationBuilder UseSessionGate(this IApplicationBuilder app, TokenStore tokens, FaultPlan faults) =>
        app.Use(async (http, next) =>
        {
            if (!RequiresSession(http.Request.Path))
            {
                await next(http);
                return;
            }

            // The identity URL also takes the token as an oauth_token parameter (jsforce's identity() sends both).
            var token = BearerToken(http.Request.Headers.Authorization.ToString())
                ?? (http.Request.Path.StartsWithSegments("/id", StringComparison.OrdinalIgnoreCase)
                    && http.Request.Query["oauth_token"].ToString() is { Length: > 0 } parameter ? parameter : null);
            var session = token is null ? null : tokens.Find(token);
            if (session is not null && faults.EndsSession(session))
            {
                tokens.Expire(session.AccessToken);
                session = null;
            }

            if (session is null)
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                http.Response.ContentType = ApiErrors.JsonContentType;
                await http.Response.WriteAsync(InvalidSessionBody, http.RequestAborted);
                return;
            }

            http.Items[SessionKey] = session;
            await next(http);
        });

    /// <summary>The session the gate admitted for this request (null on unprotected routes).</summary>
    public static Session? CurrentSession(this HttpContext http) => http.Items.TryGetValue(SessionKey, out var s) ? s as Session : null;

    /// <summary>
    /// Every versioned REST/Bulk route, the identity routes and userinfo; the version list (GET /services/data/)
    /// is public, as in the real API.
    /// </summary>
    public static bool RequiresSession(PathString path) =>
        path.StartsWithSegments("/services/data", StringComparison.OrdinalIgnoreCase, out var rest) && rest.HasValue && rest.Value != "/"
        || path.StartsWithSegments("/services/oauth2/userinfo", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/id", StringComparison.OrdinalIgnoreCase);

    // Salesforce takes "Bearer <token>" and, from older clients, "OAuth <token>".
    private static string? BearerToken(string header)
    {
        foreach (var scheme in (string[])["Bearer ", "OAuth "])
        {
            if (header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                var token = header[scheme.Length..].Trim();
                return token.Length == 0 ? null : token;
            }
        }

        return null;
    }
}

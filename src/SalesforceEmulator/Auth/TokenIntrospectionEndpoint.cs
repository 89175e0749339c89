using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Hosting;

namespace SalesforceEmulator.Auth;

/// <summary>
/// POST /services/oauth2/introspect (RFC 7662): a connected app, authenticated by client_id and client_secret in the
/// form or in Basic authorization, asks whether one of its tokens is live. A live access token answers active, scope,
/// client_id, username, sub (the identity URL), token_type "access_token", exp, iat and nbf (epoch seconds); a live
/// refresh token the same without exp; anything else, another app's tokens included, {"active": false}.
/// </summary>
public static class TokenIntrospectionEndpoint
{
    public static async Task HandleAsync(HttpContext http, LoginDirectory credentials, TokenStore tokens, EmulatorAddress address)
    {
        var form = http.Request.HasFormContentType
            ? await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false)
            : FormCollection.Empty;
        var (clientId, clientSecret) = ClientCredentials(http.Request, form);
        var app = clientId is null ? null : credentials.FindApp(clientId);
        if (app is null || (app.ClientSecret is not null
                && !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(clientSecret ?? ""), Encoding.UTF8.GetBytes(app.ClientSecret))))
        {
            // UNVERIFIED: RFC 7662 answers a client that fails authentication with 401; the body follows the token endpoint.
            await WriteAsync(http, StatusCodes.Status401Unauthorized,
                new Dictionary<string, object?> { ["error"] = "invalid_client", ["error_description"] = "invalid client credentials" }).ConfigureAwait(false);
            return;
        }

        var token = form["token"].ToString();
        var answer = new Dictionary<string, object?> { ["active"] = false };
        if (tokens.Find(token) is { } session && session.ClientId == app.ClientId)
        {
            answer = Active("api refresh_token", app.ClientId, session.User, address, credentials, "access_token");
            answer["exp"] = session.ExpiresAt.ToUnixTimeSeconds();
            answer["iat"] = session.IssuedAt.ToUnixTimeSeconds();
            answer["nbf"] = session.IssuedAt.ToUnixTimeSeconds();
        }
        else if (tokens.FindRefreshToken(token) is { } grant && grant.ClientId == app.ClientId
            && credentials.FindUserByName(grant.Username) is { } user)
        {
            answer = Active("api refresh_token", app.ClientId, user, address, credentials, "refresh_token");
        }
        await WriteAsync(http, StatusCodes.Status200OK, answer).ConfigureAwait(false);
    }

    private static Dictionary<string, object?> Active(string scope, string clientId, OrgUser user, EmulatorAddress address,
        LoginDirectory credentials, string tokenType) => new()
        {
            ["active"] = true,
            ["scope"] = scope,
            ["client_id"] = clientId,
            ["username"] = user.Username,
            ["sub"] = IdentityUrls.Of(address.BaseUrlText, credentials, user.UserId),
            ["token_type"] = tokenType,
        };

    /// <summary>client_id and client_secret from Basic authorization, else from the form.</summary>
    private static (string? Id, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            && header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && header.Parameter is { } encoded)
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                    return (Uri.UnescapeDataString(pair[..colon]), Uri.UnescapeDataString(pair[(colon + 1)..]));
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }
        var id = form["client_id"].ToString();
        return (id.Length == 0 ? null : id, form["client_secret"].ToString());
    }

    private static Task WriteAsync(HttpContext http, int status, Dictionary<string, object?> body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = ApiErrors.JsonContentType;
        return http.Response.WriteAsync(JsonSerializer.Serialize(body), http.RequestAborted);
    }
}

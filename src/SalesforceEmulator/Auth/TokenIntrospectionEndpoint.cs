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
        // The token endpoint's client check; an unknown app and a wrong secret alike are one refusal here.
        var (app, _) = ClientAuthentication.Authenticate(http.Request, form, credentials);
        if (app is null)
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

    private static Task WriteAsync(HttpContext http, int status, Dictionary<string, object?> body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = ApiErrors.JsonContentType;
        return http.Response.WriteAsync(JsonSerializer.Serialize(body), http.RequestAborted);
    }
}

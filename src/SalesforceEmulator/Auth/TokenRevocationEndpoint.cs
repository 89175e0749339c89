using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Hosting;

namespace SalesforceEmulator.Auth;

/// <summary>
/// POST /services/oauth2/revoke (token=… in a form body) and the documented GET ?token=…: an access token's session
/// ends; a refresh token is revoked with the access tokens issued from it. 200 with an empty body, or 400
/// invalid_token for a token the org never issued or already ended (jsforce's logout() and the Mobile SDK call it).
/// </summary>
public static class TokenRevocationEndpoint
{
    public static async Task HandleAsync(HttpContext http, TokenStore tokens)
    {
        var token = http.Request.Query["token"].ToString();
        if (token.Length == 0 && http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
            token = form["token"].ToString();
        }

        if (token.Length > 0 && (tokens.Expire(token) || tokens.RevokeRefreshTokenAndItsSessions(token)))
        {
            http.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        // UNVERIFIED: the documented error code; the description and the JSON form follow the token endpoint's errors.
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        http.Response.ContentType = ApiErrors.JsonContentType;
        await http.Response.WriteAsync(
            JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = "invalid_token", ["error_description"] = "Token was invalid" }),
            http.RequestAborted).ConfigureAwait(false);
    }
}

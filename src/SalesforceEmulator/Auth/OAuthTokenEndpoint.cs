using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Hosting;

namespace SalesforceEmulator.Auth;

/// <summary>
/// POST /services/oauth2/token: the refresh_token and password grants, answered with the real API's JSON
/// (success and {error, error_description} failures, HTTP 400).
/// </summary>
public static class OAuthTokenEndpoint
{
    // Relaxed escaping keeps '+' and '/' of the Base64 signature as the real server writes them.
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task HandleAsync(HttpContext http, LoginDirectory credentials, TokenStore tokens, EmulatorAddress address)
    {
        if (!http.Request.HasFormContentType)
        {
            await WriteErrorAsync(http, "unsupported_grant_type", "grant type not supported");
            return;
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        string? Field(string name) => form.TryGetValue(name, out var v) ? v.ToString() : null;

        var grantType = Field("grant_type");
        if (grantType is not ("refresh_token" or "password"))
        {
            await WriteErrorAsync(http, "unsupported_grant_type", "grant type not supported");
            return;
        }

        var app = credentials.FindApp(Field("client_id") ?? "");
        if (app is null)
        {
            await WriteErrorAsync(http, "invalid_client_id", "client identifier invalid");
            return;
        }

        if (app.ClientSecret is not null && !FixedTimeEquals(Field("client_secret"), app.ClientSecret))
        {
            await WriteErrorAsync(http, "invalid_client", "invalid client credentials");
            return;
        }

        OrgUser? user;
        string scope;
        if (grantType == "refresh_token")
        {
            var grant = tokens.FindRefreshToken(Field("refresh_token") ?? "");
            user = grant is not null && grant.ClientId == app.ClientId ? credentials.FindUserByName(grant.Username) : null;
            if (user is null)
            {
                await WriteErrorAsync(http, "invalid_grant", "expired access/refresh token");
                return;
            }

            scope = "refresh_token api";
        }
        else
        {
            user = credentials.FindUserByName(Field("username") ?? "");
            if (user is null || !FixedTimeEquals(Field("password"), user.LoginSecret))
            {
                await WriteErrorAsync(http, "invalid_grant", "authentication failure");
                return;
            }

            scope = "api";
        }

        var session = tokens.Issue(user, app.ClientId);
        var baseUrl = address.BaseUrlText;
        var identityUrl = $"{baseUrl}/id/{credentials.OrganizationId}/{user.UserId}";
        var issuedAt = session.IssuedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var success = new TokenResponse(
            session.AccessToken,
            Signature(identityUrl + issuedAt, app.ClientSecret ?? ""),
            scope,
            baseUrl,
            identityUrl,
            "Bearer",
            issuedAt);

        http.Response.ContentType = ApiErrors.JsonContentType;
        await http.Response.WriteAsync(JsonSerializer.Serialize(success, Json), http.RequestAborted);
    }

    private static Task WriteErrorAsync(HttpContext http, string error, string description)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        http.Response.ContentType = ApiErrors.JsonContentType;
        return http.Response.WriteAsync(JsonSerializer.Serialize(new TokenError(error, description), Json), http.RequestAborted);
    }

    // Salesforce signs id + issued_at with HMAC-SHA256 keyed by the consumer secret; clients may check it.
    private static string Signature(string payload, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload)));

    private static bool FixedTimeEquals(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("signature")] string Signature,
        [property: JsonPropertyName("scope")] string Scope,
        [property: JsonPropertyName("instance_url")] string InstanceUrl,
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("issued_at")] string IssuedAt);

    private sealed record TokenError(
        [property: JsonPropertyName("error")] string Error,
        [property: JsonPropertyName("error_description")] string Description);
}

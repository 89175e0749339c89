using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Hosting;

namespace SalesforceEmulator.Auth;

/// <summary>
/// GET /services/oauth2/userinfo: who the session belongs to, in the OpenID Connect shape. The Salesforce CLI
/// reads user_id, organization_id and preferred_username from it when it logs in with an access token.
/// </summary>
public static class UserInfoEndpoint
{
    public static Task HandleAsync(HttpContext http, LoginDirectory credentials, EmulatorAddress address)
    {
        var session = http.CurrentSession() ?? throw new InvalidOperationException("userinfo runs behind the session gate");
        var user = session.User;
        var orgId = credentials.OrganizationId;
        var baseUrl = address.BaseUrlText;
        var body = new Dictionary<string, object?>
        {
            ["sub"] = IdentityUrls.Of(baseUrl, credentials, user.UserId),
            ["user_id"] = user.UserId,
            ["organization_id"] = orgId,
            ["preferred_username"] = user.Username,
            ["nickname"] = user.Username.Split('@')[0],
            ["name"] = user.DisplayName,
            ["email"] = user.Email,
            ["email_verified"] = true,
            ["given_name"] = user.FirstName,
            ["family_name"] = user.LastName,
            ["zoneinfo"] = "America/Los_Angeles",
            ["photos"] = new Dictionary<string, string>(),
            ["profile"] = $"{baseUrl}/{user.UserId}",
            ["picture"] = null,
            ["address"] = new Dictionary<string, string>(),
            ["urls"] = IdentityUrls.Services(baseUrl, credentials, user.UserId, "{version}"),
            ["active"] = true,
            ["user_type"] = "STANDARD",
            ["language"] = "en_US",
            ["locale"] = "en_US",
            ["utcOffset"] = -28800000,
            ["updated_at"] = "2024-01-01T00:00:00Z",
            ["is_app_installed"] = true,
        };

        http.Response.ContentType = ApiErrors.JsonContentType;
        return http.Response.WriteAsync(JsonSerializer.Serialize(body), http.RequestAborted);
    }
}

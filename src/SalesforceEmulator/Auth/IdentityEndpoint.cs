using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Hosting;
using SalesforceEmulator.Rest;

namespace SalesforceEmulator.Auth;

/// <summary>
/// GET /id/{orgId}/{userId}, the identity URL a token response names: the user's identity (id, user_id,
/// organization_id, username, display_name, urls, …). The org id must be this org's (403 Wrong_Org) and the user id
/// one of its users (404 Bad_Id). `version` fills the {version} placeholders of the URLs ("latest" is the newest
/// version; an unknown one is 406 Invalid_Version); without it they keep the literal {version}, as documented.
/// </summary>
public static class IdentityEndpoint
{
    public static Task HandleAsync(HttpContext http, LoginDirectory credentials, EmulatorAddress address, ApiVersionRange versions,
        string orgId, string userId)
    {
        if (!SameId(orgId, credentials.OrganizationId))
            return PlainAsync(http, StatusCodes.Status403Forbidden, "Wrong_Org");
        if (userId.Length is not (15 or 18) || credentials.FindUserById(userId) is not { } user)
            return PlainAsync(http, StatusCodes.Status404NotFound, "Bad_Id");
        var version = "{version}";
        if (http.Request.Query["version"].ToString() is { Length: > 0 } asked)
        {
            if (asked == "latest")
                version = $"{versions.Newest}.0";
            else if (versions.ClassifyNumber(asked) == ApiVersionStatus.Supported)
                version = asked;
            else
                return PlainAsync(http, StatusCodes.Status406NotAcceptable, "Invalid_Version");
        }

        var baseUrl = address.BaseUrlText;
        var body = new Dictionary<string, object?>
        {
            ["id"] = IdentityUrls.Of(baseUrl, credentials, user.UserId),
            ["asserted_user"] = true,
            ["user_id"] = user.UserId,
            ["organization_id"] = credentials.OrganizationId,
            ["username"] = user.Username,
            ["nick_name"] = user.Username.Split('@')[0],
            ["display_name"] = user.DisplayName,
            ["email"] = user.Email,
            ["email_verified"] = true,
            ["first_name"] = user.FirstName,
            ["last_name"] = user.LastName,
            ["timezone"] = "America/Los_Angeles",
            ["photos"] = new Dictionary<string, string>
            {
                ["picture"] = $"{baseUrl}/profilephoto/005/F",
                ["thumbnail"] = $"{baseUrl}/profilephoto/005/T",
            },
            ["addr_street"] = null,
            ["addr_city"] = null,
            ["addr_state"] = null,
            ["addr_country"] = null,
            ["addr_zip"] = null,
            ["mobile_phone"] = null,
            ["mobile_phone_verified"] = false,
            ["is_lightning_login_user"] = false,
            ["status"] = new Dictionary<string, object?> { ["created_date"] = null, ["body"] = null },
            ["urls"] = IdentityUrls.Services(baseUrl, credentials, user.UserId, version),
            ["active"] = true,
            ["user_type"] = "STANDARD",
            ["language"] = "en_US",
            ["locale"] = "en_US",
            ["utcOffset"] = -28800000,
            ["last_modified_date"] = "2024-01-01T00:00:00Z",
            ["is_app_installed"] = true,
        };
        http.Response.ContentType = ApiErrors.JsonContentType;
        return http.Response.WriteAsync(JsonSerializer.Serialize(body), http.RequestAborted);
    }

    /// <summary>Ids compare by their 15-character, case-sensitive part (an 18-character id adds only a checksum).</summary>
    private static bool SameId(string given, string expected) =>
        given.Length is 15 or 18 && string.Equals(given[..15], expected[..15], StringComparison.Ordinal);

    // UNVERIFIED: the identity service's documented error names, answered as plain text.
    private static Task PlainAsync(HttpContext http, int status, string error)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain;charset=UTF-8";
        return http.Response.WriteAsync(error, http.RequestAborted);
    }
}

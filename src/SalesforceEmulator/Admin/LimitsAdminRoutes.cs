using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Auth;
using SalesforceEmulator.Org;
using SalesforceEmulator.Rest;

namespace SalesforceEmulator.Admin;

/// <summary>
/// `GET /__emulator/limits` (the `/limits` answer, without spending a request) and `POST /__emulator/limits` with
/// {"DailyApiRequests": {"Max": 1000, "Remaining": 50}, …}: sets maxima and what remains, so a test can bring an org
/// to the edge of a limit. A bad body is 400 {"error"} naming the entry, and changes nothing.
/// </summary>
public static class LimitsAdminRoutes
{
    private static readonly JsonSerializerOptions SettingsFormat = new()
    {
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static void MapLimitsAdmin(this WebApplication app, LimitLedger limits, LoginDirectory credentials)
    {
        app.MapGet(AdminRoutes.Prefix + "/limits", () => Current(limits, credentials));
        app.MapPost(AdminRoutes.Prefix + "/limits", async (HttpContext http) =>
        {
            Dictionary<string, LimitSetting>? settings;
            try
            {
                settings = await JsonSerializer.DeserializeAsync<Dictionary<string, LimitSetting>>(http.Request.Body, SettingsFormat, http.RequestAborted);
            }
            catch (JsonException e)
            {
                return Results.Json(new { error = $"request body: {e.Message}" }, statusCode: StatusCodes.Status400BadRequest);
            }
            try
            {
                limits.Apply(settings ?? [], "request body");
            }
            catch (ArgumentException e)
            {
                return Results.Json(new { error = e.Message }, statusCode: StatusCodes.Status400BadRequest);
            }
            return Current(limits, credentials);
        });
    }

    private static RestReply Current(LimitLedger limits, LoginDirectory credentials) =>
        ApiResponses.Json(writer => OrgLimits.Write(writer, limits, credentials.Apps.Select(app => app.ClientId).ToList()));
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SalesforceEmulator.Auth;

/// <summary>The login and identity routes.</summary>
public static class AuthRoutes
{
    public static void MapAuthApi(this WebApplication app, EmulatorContext context)
    {
        app.MapPost("/services/oauth2/token", (HttpContext http) => OAuthTokenEndpoint.HandleAsync(http, context));
        app.MapPost("/services/Soap/u/{version}", (HttpContext http, string version) => SoapLoginEndpoint.HandleAsync(http, context, version));
        app.MapGet("/services/oauth2/userinfo", (HttpContext http) => UserInfoEndpoint.HandleAsync(http, context));
        app.MapGet("/id/{orgId}/{userId}", (HttpContext http) => UserInfoEndpoint.HandleAsync(http, context));
    }
}

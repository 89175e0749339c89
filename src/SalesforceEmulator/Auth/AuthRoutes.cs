using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Hosting;
using SalesforceEmulator.Rest;

namespace SalesforceEmulator.Auth;

/// <summary>The login and identity routes.</summary>
public static class AuthRoutes
{
    public static void MapAuthApi(
        this WebApplication app, LoginDirectory credentials, TokenStore tokens, AuthorizationCodes codes, EmulatorAddress address, TimeProvider time,
        ApiVersionRange versions)
    {
        app.MapPost("/services/oauth2/token", (HttpContext http) => OAuthTokenEndpoint.HandleAsync(http, credentials, tokens, codes, address, time));
        app.MapGet("/services/oauth2/authorize", (HttpContext http) => AuthorizeEndpoint.HandleAsync(http, credentials, codes));
        app.MapPost("/services/Soap/u/{version}", (HttpContext http, string version) =>
            SoapLoginEndpoint.HandleAsync(http, credentials, tokens, address, version, versions));
        app.MapGet("/services/oauth2/userinfo", (HttpContext http) => UserInfoEndpoint.HandleAsync(http, credentials, address));
        app.MapGet("/id/{orgId}/{userId}", (HttpContext http, string orgId, string userId) =>
            IdentityEndpoint.HandleAsync(http, credentials, address, versions, orgId, userId));
        app.MapPost("/services/oauth2/revoke", (HttpContext http) => TokenRevocationEndpoint.HandleAsync(http, tokens));
        app.MapGet("/services/oauth2/revoke", (HttpContext http) => TokenRevocationEndpoint.HandleAsync(http, tokens));
        app.MapPost("/services/oauth2/introspect", (HttpContext http) => TokenIntrospectionEndpoint.HandleAsync(http, credentials, tokens, address));
    }
}

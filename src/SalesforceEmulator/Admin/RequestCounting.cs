using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SalesforceEmulator.Admin;

/// <summary>
/// Counts every API request by the route it matched (its pattern, so job ids do not split the counts).
/// Runs after routing picked the endpoint and before faults, so faulted and refused requests count too.
/// Admin requests are not counted: they are the test harness, not client traffic.
/// </summary>
public static class RequestCounting
{
    public const string UnmatchedRoute = "(no route)";

    public static IApplicationBuilder UseRequestCounting(this IApplicationBuilder app, EmulatorStats stats) =>
        app.Use((http, next) =>
        {
            if (!AdminRoutes.IsAdminPath(http.Request.Path))
            {
                var pattern = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
                var route = pattern is null ? UnmatchedRoute : "/" + pattern.TrimStart('/');
                stats.Count($"{http.Request.Method} {route}");
            }

            return next(http);
        });
}

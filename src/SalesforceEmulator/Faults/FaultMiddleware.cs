using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Admin;

namespace SalesforceEmulator.Faults;

/// <summary>Applies request faults before authentication and routing. Admin routes are never faulted.</summary>
public static class FaultMiddleware
{
    public static IApplicationBuilder UseFaults(this IApplicationBuilder app, FaultPlan faults, TimeProvider time) =>
        app.Use(async (http, next) =>
        {
            if (AdminRoutes.IsAdminPath(http.Request.Path))
            {
                await next(http);
                return;
            }

            var decision = faults.Decide(http.Request.Method, http.Request.Path.Value ?? "/");
            if (decision.Delay > TimeSpan.Zero)
            {
                await Task.Delay(decision.Delay, time, http.RequestAborted);
            }

            var rule = decision.Answer;
            switch (rule?.Kind)
            {
                case null:
                    await next(http);
                    break;
                case FaultKind.HttpError:
                    await FaultResponses.WriteHttpErrorAsync(http, rule);
                    break;
                case FaultKind.RequestLimit:
                    await FaultResponses.WriteRequestLimitAsync(http, rule);
                    break;
                case FaultKind.HtmlBody:
                    await FaultResponses.WriteHtmlAsync(http, rule.Status);
                    break;
                case FaultKind.EmptyBody:
                    await FaultResponses.WriteEmptyAsync(http, rule.Status);
                    break;
                case FaultKind.DropConnection when rule.BeforeRoute:
                    http.Abort();
                    break;
                case FaultKind.DropConnection:
                    await RunThenDropAsync(http, next);
                    break;
                default:
                    await next(http);
                    break;
            }
        });

    /// <summary>
    /// The route runs (its effects stay, as when a real answer is lost on the way back), then half of its body is
    /// sent under the full Content-Length and the connection is cut. An empty answer is cut before any byte.
    /// </summary>
    private static async Task RunThenDropAsync(HttpContext http, RequestDelegate next)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        var body = buffer.ToArray();
        if (body.Length > 1)
        {
            http.Response.ContentLength = body.Length;
            await original.WriteAsync(body.AsMemory(0, body.Length / 2), http.RequestAborted);
            await original.FlushAsync(http.RequestAborted);
        }

        http.Abort();
    }
}

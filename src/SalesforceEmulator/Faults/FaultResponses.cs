using System.Globalization;
using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Hosting;

namespace SalesforceEmulator.Faults;

/// <summary>The answers faults give in place of a route's: real error bodies where they are known.</summary>
public static class FaultResponses
{
    public const string ConcurrentLimitMessage = "ConcurrentRequests (Concurrent API Requests) Limit exceeded.";
    public const string DailyLimitMessage = "TotalRequests Limit exceeded.";

    public static Task WriteHttpErrorAsync(HttpContext http, FaultRule rule) => rule.Status switch
    {
        // 502/504 come from the edge in front of an org, which answers HTML, not the API's JSON.
        502 or 504 when rule.Message is null => WriteHtmlAsync(http, rule.Status),
        503 => ApiErrors.WriteAsync(http, 503, "SERVER_UNAVAILABLE", rule.Message ?? "Server is temporarily unavailable. Please try again later."),
        _ => ApiErrors.WriteAsync(http, rule.Status, "UNKNOWN_EXCEPTION", rule.Message
            ?? $"An unexpected error occurred. Please include this ErrorId if you contact support: {ErrorId(http)} (emulator fault)"),
    };

    public static Task WriteRequestLimitAsync(HttpContext http, FaultRule rule) =>
        ApiErrors.WriteAsync(http, StatusCodes.Status403Forbidden, "REQUEST_LIMIT_EXCEEDED",
            rule.Limit == "daily" ? DailyLimitMessage : ConcurrentLimitMessage);

    public static Task WriteHtmlAsync(HttpContext http, int status)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html;charset=UTF-8";
        var title = status == 200 ? "Salesforce" : $"{status} {ReasonPhrase(status)}";
        return http.Response.WriteAsync(
            $"<!DOCTYPE html>\n<html><head><title>{title}</title></head><body><h1>{title}</h1><p>Emulated edge page.</p></body></html>\n",
            http.RequestAborted);
    }

    public static Task WriteEmptyAsync(HttpContext http, int status)
    {
        http.Response.StatusCode = status;
        http.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";

    private static string ErrorId(HttpContext http) =>
        (http.TraceIdentifier.GetHashCode(StringComparison.Ordinal) & 0x7FFFFFFF).ToString(CultureInfo.InvariantCulture);
}

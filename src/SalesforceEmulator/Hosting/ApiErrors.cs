using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SalesforceEmulator.Hosting;

/// <summary>The REST API's error body: a JSON array of {message, errorCode}, in that key order, as the real API sends.</summary>
public static class ApiErrors
{
    public const string JsonContentType = "application/json;charset=UTF-8";

    public static string Body(string errorCode, string message) =>
        $"[{{\"message\":{JsonSerializer.Serialize(message)},\"errorCode\":{JsonSerializer.Serialize(errorCode)}}}]";

    public static Task WriteAsync(HttpContext http, int status, string errorCode, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = JsonContentType;
        return http.Response.WriteAsync(Body(errorCode, message), http.RequestAborted);
    }
}

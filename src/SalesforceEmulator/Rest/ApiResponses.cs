using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SalesforceEmulator.Rest;

/// <summary>
/// JSON responses as the real API sends them: written field by field (key order matters to readers of
/// recordings), errors as a JSON array of {message, errorCode}, content type application/json;charset=UTF-8.
/// </summary>
public static class ApiResponses
{
    public const string JsonContentType = "application/json;charset=UTF-8";

    public static RestReply Json(int status, Action<Utf8JsonWriter> write) => new(status, write);

    public static RestReply Json(Action<Utf8JsonWriter> write) => new(StatusCodes.Status200OK, write);

    public static RestReply Error(int status, string errorCode, string message) =>
        new(status, writer =>
        {
            writer.WriteStartArray();
            writer.WriteStartObject();
            writer.WriteString("message", message);
            writer.WriteString("errorCode", errorCode);
            writer.WriteEndObject();
            writer.WriteEndArray();
        });

    public static RestReply NotFound() =>
        Error(StatusCodes.Status404NotFound, "NOT_FOUND", "The requested resource does not exist");
}

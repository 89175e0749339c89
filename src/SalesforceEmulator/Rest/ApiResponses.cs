using System.Buffers;
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

    public static IResult Json(int status, Action<Utf8JsonWriter> write) => new JsonBodyResult(status, write);

    public static IResult Json(Action<Utf8JsonWriter> write) => new JsonBodyResult(StatusCodes.Status200OK, write);

    public static IResult Error(int status, string errorCode, string message) =>
        new JsonBodyResult(status, writer =>
        {
            writer.WriteStartArray();
            writer.WriteStartObject();
            writer.WriteString("message", message);
            writer.WriteString("errorCode", errorCode);
            writer.WriteEndObject();
            writer.WriteEndArray();
        });

    public static IResult NotFound() =>
        Error(StatusCodes.Status404NotFound, "NOT_FOUND", "The requested resource does not exist");

    private sealed class JsonBodyResult(int status, Action<Utf8JsonWriter> write) : IResult
    {
        private static readonly JsonWriterOptions WriterOptions = new()
        {
            // The real API escapes little; keep non-ASCII text readable as it does.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = false,
        };

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var buffer = new ArrayBufferWriter<byte>(4096);
            await using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
                write(writer);
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = JsonContentType;
            httpContext.Response.ContentLength = buffer.WrittenCount;
            await httpContext.Response.Body.WriteAsync(buffer.WrittenMemory).ConfigureAwait(false);
        }
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Rest;

namespace SalesforceEmulator.Bulk;

/// <summary>The body of a job's PATCH, {"state": "…"}, read the same way for ingest and query jobs.</summary>
public static class JobStateRequest
{
    /// <summary>
    /// The state the body asks for (null when it names none, or not as a string), or the JSON_PARSER_ERROR refusal of
    /// a body that is not JSON.
    /// </summary>
    public static async Task<(string? State, RestReply? Refusal)> ReadAsync(HttpRequest request)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted).ConfigureAwait(false);
            var body = document.RootElement;
            var state = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("state", out var value)
                && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            return (state, null);
        }
        catch (JsonException e)
        {
            return (null, ApiResponses.Error(StatusCodes.Status400BadRequest, "JSON_PARSER_ERROR", $"The request body is not valid JSON: {e.Message}"));
        }
    }
}

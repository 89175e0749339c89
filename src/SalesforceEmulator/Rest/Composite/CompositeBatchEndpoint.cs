using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SalesforceEmulator.Rest.Composite;

/// <summary>
/// POST /services/data/vXX.X/composite/batch: up to 25 independent subrequests (URLs relative to /services/data,
/// starting with the version, e.g. "v60.0/sobjects/Account"), each committed on its own. The answer is 200 with
/// hasErrors and one {statusCode, result} per subrequest; with haltOnError the ones after the first failure answer
/// 412 BATCH_PROCESSING_HALTED.
/// </summary>
public sealed class CompositeBatchEndpoint(SubrequestRunner runner)
{
    public const int MaxSubrequests = 25;

    private static readonly HashSet<string> Methods = new(StringComparer.Ordinal) { "GET", "POST", "PATCH", "PUT", "DELETE" };

    // UNVERIFIED: BATCH_PROCESSING_HALTED and 412 are documented; the message is the emulator's.
    public const string HaltedMessage = "Batch processing halted per request";

    private sealed record Subrequest(string Method, string Url, JsonElement? RichInput);

    public async Task<RestReply> HandleAsync(JsonElement request, string userId, CancellationToken cancellationToken = default)
    {
        if (Validate(request, out var haltOnError) is not { } subrequests)
        {
            return ApiResponses.Error(StatusCodes.Status400BadRequest, "INVALID_INPUT",
                "batchRequests needs 1 to 25 subrequests, each with a method (GET, POST, PATCH, PUT or DELETE) and a url starting with the version (vXX.X/…).");
        }

        var answers = new List<RestReply>();
        var halted = false;
        foreach (var sub in subrequests)
        {
            if (halted)
            {
                answers.Add(ApiResponses.Error(StatusCodes.Status412PreconditionFailed, "BATCH_PROCESSING_HALTED", HaltedMessage));
                continue;
            }
            var answer = await runner.RunAsync(sub.Method, "/services/data/" + sub.Url.TrimStart('/'), sub.RichInput, userId, journal: null,
                cancellationToken).ConfigureAwait(false);
            answers.Add(answer);
            halted = haltOnError && answer.Status >= 400;
        }

        return ApiResponses.Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteBoolean("hasErrors", answers.Any(a => a.Status >= 400));
            writer.WriteStartArray("results");
            foreach (var answer in answers)
            {
                writer.WriteStartObject();
                writer.WriteNumber("statusCode", answer.Status);
                writer.WritePropertyName("result");
                answer.WriteBody(writer);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    private static List<Subrequest>? Validate(JsonElement request, out bool haltOnError)
    {
        haltOnError = false;
        if (request.ValueKind != JsonValueKind.Object
            || !request.TryGetProperty("batchRequests", out var list) || list.ValueKind != JsonValueKind.Array
            || list.GetArrayLength() is 0 or > MaxSubrequests)
            return null;
        if (request.TryGetProperty("haltOnError", out var flag))
        {
            if (flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                return null;
            haltOnError = flag.GetBoolean();
        }
        var subrequests = new List<Subrequest>();
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String || !Methods.Contains(method.GetString()!)
                || !item.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String
                || !url.GetString()!.TrimStart('/').StartsWith('v'))
                return null;
            subrequests.Add(new Subrequest(method.GetString()!, url.GetString()!, item.TryGetProperty("richInput", out var input) ? input.Clone() : null));
        }
        return subrequests;
    }
}

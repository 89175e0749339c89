using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SalesforceEmulator.Rest.Records;

namespace SalesforceEmulator.Rest.Composite;

/// <summary>
/// POST /services/data/vXX.X/composite: up to 25 subrequests run in order, each able to reference earlier answers
/// (@{referenceId.field}). The answer is always 200 with one {body, httpHeaders, httpStatusCode, referenceId} per
/// subrequest. With allOrNone, the first failure rolls every write back and the other subrequests answer
/// PROCESSING_HALTED; without it, only the subrequests that reference a failed one are skipped that way.
/// </summary>
public sealed class CompositeEndpoint(SubrequestRunner runner)
{
    public const int MaxSubrequests = 25;

    private static readonly HashSet<string> Methods = new(StringComparer.Ordinal) { "GET", "POST", "PATCH", "PUT", "DELETE" };

    // UNVERIFIED: PROCESSING_HALTED is the documented code; the two messages follow the ones real orgs answer.
    public const string RolledBackMessage = "The transaction was rolled back since another operation in the same transaction failed.";

    private sealed record Subrequest(string Method, string Url, string ReferenceId, JsonElement? Body);

    public async Task<RestReply> HandleAsync(JsonElement request, string userId, CancellationToken cancellationToken = default)
    {
        if (Validate(request, out var allOrNone) is not { } subrequests)
            return Invalid(InvalidMessage(request));

        var answers = new RestReply?[subrequests.Count];
        var references = new SubrequestReferences();
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var journal = allOrNone ? new WriteJournal() : null;
        var haltedAt = -1;
        for (var i = 0; i < subrequests.Count; i++)
        {
            var sub = subrequests[i];
            JsonElement? body = null;
            string? missing = null;
            var resolved = references.TryResolve(sub.Url, out var url, out missing);
            if (resolved && sub.Body is { } given)
            {
                resolved = references.TryResolve(given, out var resolvedBody, out missing);
                body = resolvedBody;
            }
            answers[i] = resolved
                ? await runner.RunAsync(sub.Method, url, body, userId, journal, cancellationToken).ConfigureAwait(false)
                : MissingReference(missing!);
            if (answers[i]!.Status >= 400)
            {
                failed.Add(sub.ReferenceId);
                if (allOrNone)
                {
                    haltedAt = i;
                    break;
                }
            }
            else
            {
                references.Remember(sub.ReferenceId, answers[i]!);
            }
        }

        if (haltedAt >= 0)
        {
            journal!.RollBack();
            for (var i = 0; i < subrequests.Count; i++)
            {
                if (i != haltedAt)
                    answers[i] = ApiResponses.Error(StatusCodes.Status400BadRequest, "PROCESSING_HALTED", RolledBackMessage);
            }
        }

        return ApiResponses.Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("compositeResponse");
            for (var i = 0; i < subrequests.Count; i++)
            {
                var answer = answers[i]!;
                writer.WriteStartObject();
                writer.WritePropertyName("body");
                answer.WriteBody(writer);
                writer.WriteStartObject("httpHeaders");
                foreach (var (name, value) in answer.Headers)
                    writer.WriteString(name, value);
                writer.WriteEndObject();
                writer.WriteNumber("httpStatusCode", answer.Status);
                writer.WriteString("referenceId", subrequests[i].ReferenceId);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    /// <summary>A subrequest that names an answer that failed, was skipped or never came.</summary>
    private static RestReply MissingReference(string reference)
    {
        var referenceId = SubrequestReferences.ReferenceIdOf(reference);
        return ApiResponses.Error(StatusCodes.Status400BadRequest, "PROCESSING_HALTED",
            $"Invalid reference specified. No value for {reference} found in {referenceId}. Provided referenceId ('{referenceId}') must match a referenceId in a previous subrequest.");
    }

    /// <summary>The subrequests, or null when the request is malformed (nothing then runs).</summary>
    private static List<Subrequest>? Validate(JsonElement request, out bool allOrNone)
    {
        allOrNone = false;
        if (request.ValueKind != JsonValueKind.Object
            || !request.TryGetProperty("compositeRequest", out var list) || list.ValueKind != JsonValueKind.Array
            || list.GetArrayLength() is 0 or > MaxSubrequests)
            return null;
        if (request.TryGetProperty("allOrNone", out var flag))
        {
            if (flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                return null;
            allOrNone = flag.GetBoolean();
        }
        var subrequests = new List<Subrequest>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || Text(item, "method") is not { } method || !Methods.Contains(method)
                || Text(item, "url") is not { } url || !url.StartsWith("/services/data/v", StringComparison.Ordinal)
                || Text(item, "referenceId") is not { } referenceId || referenceId.Length == 0 || !ids.Add(referenceId))
                return null;
            subrequests.Add(new Subrequest(method, url, referenceId, item.TryGetProperty("body", out var body) ? body.Clone() : null));
        }
        return subrequests;
    }

    // UNVERIFIED: the emulator's own wording for a malformed composite request; the real one answers 400 too.
    private static string InvalidMessage(JsonElement request) =>
        request.ValueKind == JsonValueKind.Object && request.TryGetProperty("compositeRequest", out var list)
            && list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > MaxSubrequests
            ? $"The composite request has more than {MaxSubrequests} subrequests."
            : "Every subrequest needs a method (GET, POST, PATCH, PUT or DELETE), a url starting with /services/data/vXX.X/ and a referenceId used once; compositeRequest needs 1 to 25 of them.";

    private static RestReply Invalid(string message) => ApiResponses.Error(StatusCodes.Status400BadRequest, "INVALID_INPUT", message);

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SalesforceEmulator.Rest.Composite;

/// <summary>
/// The answers earlier subrequests of one composite request gave, and the references later ones make to them:
/// @{referenceId.field} or @{referenceId.records[0].Id} in a URL or in any string of a body.
/// </summary>
public sealed partial class SubrequestReferences
{
    private readonly Dictionary<string, JsonNode?> answers = new(StringComparer.Ordinal);

    [GeneratedRegex(@"@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[[0-9]+\])*)\}")]
    private static partial Regex ReferencePattern();

    /// <summary>Keeps a successful subrequest's answer for later references.</summary>
    public void Remember(string referenceId, RestReply reply) =>
        answers[referenceId] = reply.HasBody ? JsonNode.Parse(reply.BodyBytes().Span) : null;

    /// <summary>Replaces every reference in a text; false (with the first unresolvable reference) when one has no value.</summary>
    public bool TryResolve(string text, out string resolved, out string? missing)
    {
        string? firstMissing = null;
        resolved = ReferencePattern().Replace(text, match =>
        {
            if (Lookup(match.Groups[1].Value, match.Groups[2].Value) is { } value)
                return value;
            firstMissing ??= match.Value[2..^1];
            return match.Value;
        });
        missing = firstMissing;
        return missing is null;
    }

    /// <summary>Resolves the references in every string of a body (object keys excepted).</summary>
    public bool TryResolve(JsonElement body, out JsonElement resolved, out string? missing)
    {
        var node = JsonNode.Parse(body.GetRawText());
        missing = null;
        var ok = node is null || Walk(node, ref missing);
        if (node is null)
        {
            resolved = body;
            return ok;
        }
        using var document = JsonDocument.Parse(node.ToJsonString());
        resolved = document.RootElement.Clone();
        return ok;
    }

    /// <summary>The referenceId a missing reference names ("NewAccount.id" → "NewAccount").</summary>
    public static string ReferenceIdOf(string reference)
    {
        var end = reference.IndexOfAny(['.', '[']);
        return end < 0 ? reference : reference[..end];
    }

    private bool Walk(JsonNode node, ref string? missing)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    if (child is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        if (!TryResolve(text, out var replaced, out missing))
                            return false;
                        obj[key] = replaced;
                    }
                    else if (child is not null && !Walk(child, ref missing))
                    {
                        return false;
                    }
                }
                return true;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        if (!TryResolve(text, out var replaced, out missing))
                            return false;
                        array[i] = replaced;
                    }
                    else if (array[i] is { } child && !Walk(child, ref missing))
                    {
                        return false;
                    }
                }
                return true;
            default:
                return true;
        }
    }

    private string? Lookup(string referenceId, string path)
    {
        if (!answers.TryGetValue(referenceId, out var node) || node is null)
            return null;
        foreach (Match step in StepPattern().Matches(path))
        {
            node = step.Groups[1].Success
                ? node is JsonObject obj ? Property(obj, step.Groups[1].Value) : null
                : node is JsonArray array && int.Parse(step.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) is var index
                    && index < array.Count ? array[index] : null;
            if (node is null)
                return null;
        }
        return node switch
        {
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            JsonValue value => value.ToJsonString(),
            _ => null,
        };
    }

    [GeneratedRegex(@"\.([A-Za-z0-9_]+)|\[([0-9]+)\]")]
    private static partial Regex StepPattern();

    // Field names in answers match as the API spells them; a reference in other case still finds them.
    private static JsonNode? Property(JsonObject obj, string name) =>
        obj.TryGetPropertyValue(name, out var exact) ? exact
        : obj.FirstOrDefault(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
}

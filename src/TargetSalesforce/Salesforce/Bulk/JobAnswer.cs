using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Salesforce.Bulk;

/// <summary>What every Bulk API 2.0 job answer (ingest or query) is read for alike: its `id`, its `state` and its counters.</summary>
internal static class JobAnswer
{
    /// <param name="json">The answer's body.</param>
    /// <param name="source">Where the answer came from, for the error.</param>
    /// <param name="kind">How the error names the job: "job" or "query job".</param>
    /// <exception cref="FormatException">The answer is not a JSON object, has no `id`, or names a state not in <typeparamref name="TState"/>.</exception>
    public static (JObject Body, string Id, TState State) Read<TState>(string json, string source, string kind)
        where TState : struct, Enum
    {
        JObject body;
        try
        {
            body = JObject.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{source}: the answer is not a JSON object ({ex.Message}).", ex);
        }

        var id = (string?)body["id"];
        if (string.IsNullOrEmpty(id))
        {
            throw new FormatException($"{source}: the {kind} answer has no `id`.");
        }

        // A number would parse as an enum value; only a state's name is a state.
        var stateText = (string?)body["state"];
        if (!Enum.TryParse<TState>(stateText, ignoreCase: false, out var state) || !Enum.IsDefined(state) || int.TryParse(stateText, out _))
        {
            throw new FormatException($"{source}: {kind} {id} is in a state this client does not know: '{stateText}'.");
        }

        return (body, id, state);
    }

    /// <summary>A counter of the answer; 0 when it is missing or not a number.</summary>
    public static long Counter(JObject body, string name) =>
        body[name]?.Type is JTokenType.Integer or JTokenType.Float ? (long)body[name]! : 0;
}

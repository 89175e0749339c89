using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace TargetSalesforce.Singer.Validation;

/// <summary>
/// A stream's SCHEMA compiled into a fast <see cref="RecordChecker"/>: straight from its JSON when it uses only plain
/// keywords (most taps' schemas), else from NJsonSchema's model of it.
/// </summary>
public sealed class StreamSchema
{
    private readonly Lazy<JsonSchema> model;

    private StreamSchema(Lazy<JsonSchema> model, RecordChecker checker, IReadOnlyList<string> properties)
    {
        this.model = model;
        Properties = properties;
        Checker = checker;
    }

    /// <summary>The schema as NJsonSchema reads it (the reference the checker is tested against), read on first use.</summary>
    public JsonSchema Schema => model.Value;

    /// <summary>The top-level property names, in schema order.</summary>
    public IReadOnlyList<string> Properties { get; }

    public RecordChecker Checker { get; }

    /// <summary>Reads a SCHEMA message's schema; one that cannot describe records fails the run naming the stream and line.</summary>
    public static async Task<StreamSchema> LoadAsync(SchemaMessage message, CancellationToken cancellationToken)
    {
        var json = message.Schema;
        if (json["properties"] is not JObject properties)
        {
            throw Unusable(message, "it has no 'properties' object, so no record can be mapped to fields");
        }

        if (json["type"] is { } type && !AllowsObject(type))
        {
            throw Unusable(message, $"its type is {type.ToString(Formatting.None)}, but a record is a JSON object");
        }

        var names = properties.Properties().Select(p => p.Name).ToArray();
        if (RecordChecker.CompilePlain(json) is { } plain)
        {
            var text = json.ToString(Formatting.None);
            return new StreamSchema(new Lazy<JsonSchema>(() => ReadModelAsync(text, CancellationToken.None).GetAwaiter().GetResult()), plain, names);
        }

        JsonSchema schema;
        try
        {
            schema = await ReadModelAsync(json.ToString(Formatting.None), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception)
        {
            // NJsonSchema wraps our resolver's refusal of an external $ref; that refusal is the clearer reason.
            var reason = exception;
            for (var inner = exception; inner is not null; inner = inner.InnerException)
            {
                if (inner is NotSupportedException)
                {
                    reason = inner;
                }
            }

            throw Unusable(message, reason.Message);
        }

        return new StreamSchema(new Lazy<JsonSchema>(schema), RecordChecker.Compile(schema), names);
    }

    private static Task<JsonSchema> ReadModelAsync(string json, CancellationToken cancellationToken) =>
        JsonSchema.FromJsonAsync(json, documentPath: null, root => new LocalReferenceResolver(root), cancellationToken);

    private static bool AllowsObject(JToken type) => type switch
    {
        JValue { Type: JTokenType.String } single => (string?)single == "object",
        JArray many => many.Any(t => t.Type == JTokenType.String && (string?)t == "object"),
        _ => false,
    };

    private static SingerInputException Unusable(SchemaMessage message, string why) =>
        new(message.Line, $"SCHEMA of stream '{message.Stream}' is not a usable JSON schema: {why}");
}

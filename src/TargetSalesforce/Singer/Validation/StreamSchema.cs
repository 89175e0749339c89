using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace TargetSalesforce.Singer.Validation;

/// <summary>A stream's SCHEMA, read by NJsonSchema and compiled into a fast <see cref="RecordChecker"/>.</summary>
public sealed class StreamSchema
{
    private StreamSchema(JsonSchema schema, IReadOnlyList<string> properties)
    {
        Schema = schema;
        Properties = properties;
        Checker = RecordChecker.Compile(schema);
    }

    /// <summary>The schema as NJsonSchema reads it (the reference the checker is tested against).</summary>
    public JsonSchema Schema { get; }

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

        JsonSchema schema;
        try
        {
            schema = await JsonSchema.FromJsonAsync(
                json.ToString(Formatting.None), documentPath: null, root => new LocalReferenceResolver(root), cancellationToken).ConfigureAwait(false);
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

        return new StreamSchema(schema, properties.Properties().Select(p => p.Name).ToArray());
    }

    private static bool AllowsObject(JToken type) => type switch
    {
        JValue { Type: JTokenType.String } single => (string?)single == "object",
        JArray many => many.Any(t => t.Type == JTokenType.String && (string?)t == "object"),
        _ => false,
    };

    private static SingerInputException Unusable(SchemaMessage message, string why) =>
        new(message.Line, $"SCHEMA of stream '{message.Stream}' is not a usable JSON schema: {why}");
}

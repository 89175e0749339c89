using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Cli;

/// <summary>
/// Mage's `--catalog_json`: a Singer catalog whose streams may carry `destination_table`, the
/// object a stream loads into when neither `table_name` nor `streams.&lt;name&gt;.object` is set.
/// </summary>
public sealed class MageCatalog
{
    private readonly Dictionary<string, string> destinationTables;

    private MageCatalog(JObject document, Dictionary<string, string> destinationTables)
    {
        Document = document;
        this.destinationTables = destinationTables;
    }

    /// <summary>The catalog as given.</summary>
    public JObject Document { get; }

    /// <summary>Stream name (`tap_stream_id`, else `stream`) → `destination_table`, for streams that have one.</summary>
    public IReadOnlyDictionary<string, string> DestinationTables => destinationTables;

    public string? DestinationTableFor(string stream) => destinationTables.GetValueOrDefault(stream);

    /// <summary>Parses the catalog; throws <see cref="UsageException"/> naming what is wrong.</summary>
    public static MageCatalog Parse(string json)
    {
        JToken token;
        try
        {
            token = JToken.Parse(json);
        }
        catch (JsonReaderException e)
        {
            throw new UsageException($"--catalog_json is not valid JSON (line {e.LineNumber}, position {e.LinePosition})");
        }

        if (token is not JObject document || (document["streams"] is { } s && s is not JArray))
        {
            throw new UsageException("--catalog_json must be a JSON object with a `streams` array");
        }

        var tables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var stream in (document["streams"] as JArray ?? []).OfType<JObject>())
        {
            var name = Text(stream["tap_stream_id"]) ?? Text(stream["stream"]);
            var table = Text(stream["destination_table"]);
            if (name is not null && table is not null)
            {
                tables[name] = table;
            }
        }

        return new MageCatalog(document, tables);
    }

    private static string? Text(JToken? token) =>
        token is JValue { Type: JTokenType.String } value && ((string?)value)?.Length > 0 ? (string?)value : null;
}

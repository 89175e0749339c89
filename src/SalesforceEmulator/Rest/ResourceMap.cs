using System.Text.Json;

namespace SalesforceEmulator.Rest;

/// <summary>
/// GET /services/data/vXX.X/: the resources a version offers, name → URL, in the order of the REST guide's example
/// (Winter '27). `identity` is the absolute identity URL of the session's user, which jsforce's identity() follows.
/// </summary>
public static class ResourceMap
{
    private static readonly string[] Resources =
    [
        "tooling", "metadata", "eclair", "folders", "prechatForms", "contact-tracing", "jsonxform", "chatter", "payments",
        "tabs", "appMenu", "quickActions", "queryAll", "commerce", "wave", "iot", "analytics", "search", "smartdatadiscovery",
        "identity", "composite", "parameterizedSearch", "fingerprint", "theme", "nouns", "domino", "event", "serviceTemplates",
        "recent", "connect", "licensing", "limits", "process", "dedupe", "async-queries", "query", "match", "emailConnect",
        "compactLayouts", "knowledgeManagement", "sobjects", "actions", "support",
    ];

    public static IReadOnlyList<string> Names => Resources;

    public static void Write(Utf8JsonWriter writer, string version, string identityUrl)
    {
        writer.WriteStartObject();
        foreach (var name in Resources)
            writer.WriteString(name, name == "identity" ? identityUrl : $"/services/data/v{version}/{name}");
        writer.WriteEndObject();
    }
}

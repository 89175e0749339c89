using System.Text.Json;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.IntegrationTests.Support;

/// <summary>
/// Parses text as a host's JSON parser would (Python's json.loads in Meltano and Mage): one
/// RFC 8259 document, nothing before or after it. Newtonsoft alone is too forgiving (single
/// quotes, comments, unquoted names), so System.Text.Json decides and Newtonsoft holds the result.
/// </summary>
internal static class StrictJson
{
    public static JToken Parse(string text, string what)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException e)
        {
            Assert.Fail($"{what} is not one JSON document ({e.Message}): {text}");
        }

        return JToken.Parse(text);
    }

    public static bool IsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

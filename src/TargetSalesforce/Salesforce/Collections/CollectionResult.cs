using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Salesforce.Http;

namespace TargetSalesforce.Salesforce.Collections;

/// <summary>
/// One record's result in an sObject Collections answer: `{"id": …, "success": true, "errors": []}` or
/// `{"success": false, "errors": [{"statusCode": …, "message": …, "fields": […]}]}` (upsert adds `created`).
/// </summary>
internal sealed record CollectionResult(bool Success, string? Id, string ErrorCode, string Message)
{
    /// <summary>Upsert's `created`: true when the record was inserted; null when the answer does not say (create and update do not).</summary>
    public bool? Created { get; init; }

    /// <summary>The answer's results, one a record sent and in the same order; anything else is an answer the run cannot trust.</summary>
    public static IReadOnlyList<CollectionResult> ParseAll(ApiRequest request, string body, int sent)
    {
        JArray array;
        try
        {
            array = JArray.Parse(body);
        }
        catch (JsonException exception)
        {
            throw new UnreadableAnswerException($"{request.Description}: the answer is not a JSON array of results ({exception.Message})");
        }

        if (array.Count != sent)
        {
            throw new SalesforceApiException(
                $"{request.Description}: the answer lists {array.Count} results for {sent} records, so they cannot be matched to the records sent.");
        }

        return array.Select(item => Parse(request, item)).ToList();
    }

    private static CollectionResult Parse(ApiRequest request, JToken item)
    {
        if (item is not JObject result || result["success"] is not JValue { Type: JTokenType.Boolean } success)
        {
            throw new UnreadableAnswerException($"{request.Description}: a result without a boolean 'success'");
        }

        var id = result["id"]?.Type == JTokenType.String ? (string?)result["id"] : null;
        if ((bool)success)
        {
            return new CollectionResult(true, id, string.Empty, string.Empty)
            {
                Created = result["created"]?.Type == JTokenType.Boolean ? (bool)result["created"]! : null,
            };
        }

        var errors = (result["errors"] as JArray)?.OfType<JObject>().ToList() ?? [];
        var code = errors.Select(e => (string?)e["statusCode"]).FirstOrDefault(c => !string.IsNullOrEmpty(c)) ?? "UNKNOWN_ERROR";
        var messages = errors.Select(Describe).Where(m => m.Length > 0).ToList();
        return new CollectionResult(false, id, code, messages.Count == 0 ? "Salesforce gave no message" : string.Join("; ", messages));
    }

    /// <summary>`Required fields are missing: [Name] (fields: Name)`; a second error keeps its own code in front.</summary>
    private static string Describe(JObject error)
    {
        var message = (string?)error["message"] ?? string.Empty;
        var fields = (error["fields"] as JArray)?.Select(f => (string?)f).OfType<string>().Where(f => f.Length > 0).ToList() ?? [];
        return fields.Count == 0 ? message : $"{message} (fields: {string.Join(", ", fields)})";
    }
}

using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Salesforce.Api;
using TargetSalesforce.Salesforce.Http;

namespace TargetSalesforce.Salesforce.Limits;

/// <summary>
/// `GET /services/data/vXX.X/limits`: the org's allowances, each `{"Max": …, "Remaining": …}` (some carry
/// per-app entries beside them, which are not read).
/// </summary>
internal static class LimitsResource
{
    public const string DailyApiRequests = "DailyApiRequests";
    public const string DailyBulkApiBatches = "DailyBulkApiBatches";

    public static async Task<IReadOnlyDictionary<string, DailyAllowance>> ReadAsync(SalesforceApi api, CancellationToken cancellationToken)
    {
        var request = new ApiRequest(HttpMethod.Get, api.DataPath("limits"), "read the org's limits", ReplayRule.Idempotent);
        var response = await api.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return Parse(request, response.BodyText);
    }

    public static IReadOnlyDictionary<string, DailyAllowance> Parse(ApiRequest request, string body)
    {
        JObject root;
        try
        {
            root = JObject.Parse(body);
        }
        catch (JsonException exception)
        {
            throw new UnreadableAnswerException($"{request.Description}: the answer is not a JSON object ({exception.Message})");
        }

        var allowances = new Dictionary<string, DailyAllowance>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in root)
        {
            if (value is JObject limit && limit["Max"] is JValue { Type: JTokenType.Integer } max && limit["Remaining"] is JValue { Type: JTokenType.Integer } remaining)
            {
                allowances[name] = new DailyAllowance(name, (long)max, (long)remaining);
            }
        }

        return allowances;
    }
}

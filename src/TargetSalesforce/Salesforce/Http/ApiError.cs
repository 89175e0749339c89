using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Salesforce.Http;

/// <summary>
/// Salesforce's own words from an error body: `[{"errorCode","message"}]` (REST and Bulk),
/// `{"error","error_description"}` (OAuth), or a description of what came instead.
/// </summary>
internal sealed record ApiError(string? Code, string Text)
{
    private const int SnippetLength = 200;

    public static ApiError From(ApiResponse response)
    {
        if (response.Body.Length == 0)
        {
            return new ApiError(null, "an empty body");
        }

        if (response.LooksLikeHtml)
        {
            return new ApiError(null, "an HTML page instead of an API answer");
        }

        var text = response.BodyText;
        try
        {
            var token = JToken.Parse(text);
            var first = token is JArray array ? array.First as JObject : token as JObject;
            if (first is not null)
            {
                var code = (string?)first["errorCode"] ?? (string?)first["error"];
                var message = (string?)first["message"] ?? (string?)first["error_description"];
                if (code is not null || message is not null)
                {
                    return new ApiError(code, code is null ? message! : $"{code}: {message}");
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: quote the start of it below.
        }

        var snippet = text.Length > SnippetLength ? text[..SnippetLength] + "…" : text;
        return new ApiError(null, $"'{snippet.ReplaceLineEndings(" ")}'");
    }

    public bool IsDailyRequestLimit(ApiResponse response) =>
        Code == "REQUEST_LIMIT_EXCEEDED" && response.BodyText.Contains("TotalRequests", StringComparison.OrdinalIgnoreCase);

    public bool IsConcurrentRequestLimit(ApiResponse response) =>
        Code == "REQUEST_LIMIT_EXCEEDED" && !IsDailyRequestLimit(response);

    /// <summary>The exception for a failed answer, worded for the person reading the log.</summary>
    public static SalesforceApiException ToException(ApiRequest request, ApiResponse response)
    {
        var error = From(response);
        var status = (int)response.Status;
        if (error.IsDailyRequestLimit(response))
        {
            return new SalesforceApiException(
                $"{request.Description}: the org's daily API request limit is used up ({error.Text}). " +
                "Nothing more can be loaded until Salesforce's rolling 24-hour window frees requests.",
                response.Status, error.Code);
        }

        return new SalesforceApiException(
            $"{request.Description} failed: HTTP {status} with {error.Text}", response.Status, error.Code);
    }
}

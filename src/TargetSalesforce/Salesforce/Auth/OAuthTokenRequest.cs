using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Salesforce.Http;

namespace TargetSalesforce.Salesforce.Auth;

/// <summary>
/// One grant posted to {login}/services/oauth2/token, and Salesforce's JSON answer read: a session
/// (plus a refresh token when one is issued), or the refusal in Salesforce's own words.
/// </summary>
internal static class OAuthTokenRequest
{
    public const string TokenPath = "/services/oauth2/token";

    /// <param name="form">The grant's fields; they go in the body only, never in a URL or a message.</param>
    /// <param name="flowName">Names the flow in errors ("JWT bearer").</param>
    /// <param name="secrets">Receives the access token and any refresh token the moment they arrive.</param>
    public static async Task<TokenAnswer> SendAsync(
        ResilientTransport transport, Uri loginUrl, IReadOnlyDictionary<string, string> form, string flowName, ISecretSink secrets,
        CancellationToken cancellationToken)
    {
        var request = new ApiRequest(HttpMethod.Post, TokenPath, $"{flowName} login", ReplayRule.Idempotent)
        {
            Content = () => new FormUrlEncodedContent(form),
        };

        ApiResponse response;
        try
        {
            response = await transport.SendAsync(request, Urls.Combine(loginUrl, TokenPath), bearerToken: null, cancellationToken).ConfigureAwait(false);
        }
        catch (SalesforceApiException ex)
        {
            throw new AuthenticationFailedException($"Salesforce login ({flowName}) at {loginUrl.Host} failed: {ex.Message}", ex);
        }

        var body = ParseJson(response);
        if (!response.IsSuccess || body?["access_token"] is not JValue { Type: JTokenType.String })
        {
            var error = (string?)body?["error"];
            var description = (string?)body?["error_description"];
            var words = error is null && description is null ? ApiError.From(response).Text : $"{error}: {description}";
            throw new AuthenticationFailedException($"Salesforce login ({flowName}) at {loginUrl.Host} failed: HTTP {(int)response.Status} with {words}");
        }

        var accessToken = (string)body["access_token"]!;
        secrets.Register(accessToken);
        var refreshToken = body["refresh_token"] is JValue { Type: JTokenType.String } given && ((string)given!).Length > 0 ? (string)given! : null;
        if (refreshToken is not null)
        {
            secrets.Register(refreshToken);
        }

        var session = new Session(accessToken, InstanceUrls.Parse((string?)body["instance_url"], $"the {flowName} login"));
        return new TokenAnswer(session, refreshToken);
    }

    private static JObject? ParseJson(ApiResponse response)
    {
        try
        {
            return response.Body.Length == 0 || response.LooksLikeHtml ? null : JToken.Parse(response.BodyText) as JObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A granted session, and the refresh token that came with it (web-server flow, or rotation), if any.</summary>
internal sealed record TokenAnswer(Session Session, string? RefreshToken)
{
    // Holds tokens: never printed whole.
    public override string ToString() => Session.ToString();
}

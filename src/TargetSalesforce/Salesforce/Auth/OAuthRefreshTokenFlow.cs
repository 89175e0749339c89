using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Salesforce.Http;

namespace TargetSalesforce.Salesforce.Auth;

/// <summary>OAuth 2.0 refresh-token grant against {login}/services/oauth2/token.</summary>
internal sealed class OAuthRefreshTokenFlow(
    ResilientTransport transport, Uri loginUrl, string clientId, string clientSecret, string refreshToken, ISecretSink secrets)
    : ILoginFlow
{
    // Salesforce may rotate the refresh token; the newest one lives here, in memory only.
    private string latestRefreshToken = refreshToken;

    public async Task<Session> LoginAsync(CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = latestRefreshToken,
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
        };
        var request = new ApiRequest(HttpMethod.Post, "/services/oauth2/token", "OAuth token refresh", ReplayRule.Idempotent)
        {
            Content = () => new FormUrlEncodedContent(form),
        };
        var url = Urls.Combine(loginUrl, "/services/oauth2/token");

        ApiResponse response;
        try
        {
            response = await transport.SendAsync(request, url, bearerToken: null, cancellationToken).ConfigureAwait(false);
        }
        catch (SalesforceApiException ex)
        {
            throw new AuthenticationFailedException($"Salesforce login (OAuth refresh token) failed: {ex.Message}", ex);
        }

        var body = ParseJson(response);
        if (!response.IsSuccess || body?["access_token"] is null)
        {
            var error = (string?)body?["error"];
            var description = (string?)body?["error_description"];
            var words = error is null && description is null
                ? ApiError.From(response).Text
                : $"{error}: {description}";
            throw new AuthenticationFailedException(
                $"Salesforce login (OAuth refresh token) failed: HTTP {(int)response.Status} with {words}");
        }

        var accessToken = (string)body["access_token"]!;
        secrets.Register(accessToken);
        if ((string?)body["refresh_token"] is { Length: > 0 } rotated)
        {
            secrets.Register(rotated);
            latestRefreshToken = rotated;
        }

        return new Session(accessToken, InstanceUrls.Parse((string?)body["instance_url"], "the OAuth token response"));
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

using TargetSalesforce.Salesforce.Http;

namespace TargetSalesforce.Salesforce.Auth;

/// <summary>OAuth 2.0 refresh-token grant against {login}/services/oauth2/token.</summary>
/// <param name="clientSecret">Null when the app does not require a secret for this flow: then none is sent.</param>
internal sealed class OAuthRefreshTokenFlow(
    ResilientTransport transport, Uri loginUrl, string clientId, string? clientSecret, string refreshToken, ISecretSink secrets)
    : ILoginFlow
{
    private const string FlowName = "OAuth refresh token";

    // Salesforce may rotate the refresh token; the newest one lives here, in memory only.
    private string latestRefreshToken = refreshToken;

    public async Task<Session> LoginAsync(CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = latestRefreshToken,
            ["client_id"] = clientId,
        };
        if (clientSecret is not null)
        {
            form["client_secret"] = clientSecret;
        }

        var answer = await OAuthTokenRequest.SendAsync(transport, loginUrl, form, FlowName, secrets, cancellationToken).ConfigureAwait(false);
        if (answer.RefreshToken is { } rotated)
        {
            latestRefreshToken = rotated;
        }

        return answer.Session;
    }
}

using TargetSalesforce.Salesforce.Http;

namespace TargetSalesforce.Salesforce.Auth;

/// <summary>
/// OAuth 2.0 JWT bearer grant: a freshly signed assertion for every login, so a session that
/// expires mid-run is replaced the same way (there is no refresh token in this flow).
/// </summary>
internal sealed class JwtBearerFlow(ResilientTransport transport, Uri loginUrl, JwtBearerLogin login, TimeProvider time, ISecretSink secrets)
    : ILoginFlow
{
    public const string GrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    /// <summary>
    /// The assertion's audience: https://login.salesforce.com or https://test.salesforce.com, or the
    /// My Domain (or other URL) the login goes to, without a trailing slash.
    /// </summary>
    public static string Audience(Uri loginUrl) => loginUrl.ToString().TrimEnd('/');

    public async Task<Session> LoginAsync(CancellationToken cancellationToken)
    {
        var assertion = JwtAssertion.Create(login, Audience(loginUrl), time.GetUtcNow());
        secrets.Register(assertion);
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = GrantType,
            ["assertion"] = assertion,
        };
        var answer = await OAuthTokenRequest.SendAsync(transport, loginUrl, form, login.FlowName, secrets, cancellationToken).ConfigureAwait(false);
        return answer.Session;
    }
}

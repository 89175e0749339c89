using TargetSalesforce.Salesforce.Http;

namespace TargetSalesforce.Salesforce.Auth;

/// <summary>
/// OAuth 2.0 client-credentials grant: the app's key and secret buy a session for the run-as user
/// set on the app. Salesforce answers it only on the org's My Domain (the caller checks that first).
/// </summary>
internal sealed class ClientCredentialsFlow(ResilientTransport transport, Uri loginUrl, ClientCredentialsLogin login, ISecretSink secrets)
    : ILoginFlow
{
    public async Task<Session> LoginAsync(CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = login.ClientId,
            ["client_secret"] = login.ClientSecret,
        };
        var answer = await OAuthTokenRequest.SendAsync(transport, loginUrl, form, login.FlowName, secrets, cancellationToken).ConfigureAwait(false);
        return answer.Session;
    }
}

using TargetSalesforce.Salesforce.Http;

namespace TargetSalesforce.Salesforce.Auth;

/// <summary>The login flow for each kind of <see cref="LoginCredentials"/>.</summary>
internal static class LoginFlows
{
    public static ILoginFlow Create(
        LoginCredentials credentials, ResilientTransport transport, Uri loginUrl, string apiVersion, TimeProvider time, ISecretSink secrets) =>
        credentials switch
        {
            RefreshTokenLogin refresh => new OAuthRefreshTokenFlow(
                transport, loginUrl, refresh.ClientId, refresh.ClientSecret, refresh.RefreshToken, secrets),
            PasswordLogin password => new SoapLoginFlow(
                transport, loginUrl, apiVersion, password.Username, password.Password, password.SecurityToken, secrets),
            JwtBearerLogin jwt => new JwtBearerFlow(transport, loginUrl, jwt, time, secrets),
            ClientCredentialsLogin client => new ClientCredentialsFlow(transport, loginUrl, client, secrets),
            GivenAccessTokenLogin given => new GivenAccessTokenFlow(given),
            _ => throw new ArgumentException($"No login flow for {credentials.GetType().Name}.", nameof(credentials)),
        };
}

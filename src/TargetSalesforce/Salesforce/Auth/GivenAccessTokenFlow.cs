namespace TargetSalesforce.Salesforce.Auth;

/// <summary>
/// A token handed in, used as given. It cannot be renewed: the first login hands it out, and a
/// second one (asked for because Salesforce refused the token) ends the run with the reason.
/// </summary>
internal sealed class GivenAccessTokenFlow(GivenAccessTokenLogin login) : ILoginFlow
{
    private int logins;

    public Task<Session> LoginAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref logins) == 1)
        {
            return Task.FromResult(new Session(login.AccessToken, login.InstanceUrl));
        }

        return Task.FromException<Session>(new AuthenticationFailedException(
            "Salesforce refused the access token (HTTP 401 INVALID_SESSION_ID: expired or revoked), and a token handed in " +
            "cannot be renewed. Hand in a fresh one (for example from `sf org display --json`), or log in with a flow that " +
            "renews itself: auth_flow jwt, client_credentials or refresh_token."));
    }
}

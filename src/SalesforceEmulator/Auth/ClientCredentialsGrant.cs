namespace SalesforceEmulator.Auth;

/// <summary>
/// grant_type=client_credentials: the authenticated app logs in as its run-as user. An app without one
/// has the flow off. (Salesforce answers this grant only on an org's My Domain; the emulator is that host.)
/// </summary>
public static class ClientCredentialsGrant
{
    public static GrantOutcome Check(ConnectedApp app, LoginDirectory credentials)
    {
        var user = app.RunAsUsername is { } username ? credentials.FindUserByName(username) : null;
        return user is null ? GrantOutcome.InvalidGrant("no client credentials user enabled") : GrantOutcome.For(user, app);
    }
}

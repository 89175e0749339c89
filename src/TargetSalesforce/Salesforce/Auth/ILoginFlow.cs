namespace TargetSalesforce.Salesforce.Auth;

/// <summary>One way to get a session. Called for the first login and for every refresh.</summary>
internal interface ILoginFlow
{
    Task<Session> LoginAsync(CancellationToken cancellationToken);
}

namespace TargetSalesforce.Salesforce.Auth;

/// <summary>A logged-in session: the bearer token and the org's own host. Never printed.</summary>
internal sealed class Session(string accessToken, Uri instanceUrl)
{
    public string AccessToken { get; } = accessToken;

    /// <summary>The org's base URL, without a trailing slash.</summary>
    public Uri InstanceUrl { get; } = instanceUrl;

    public override string ToString() => $"session on {InstanceUrl}";
}

namespace TargetSalesforce.Salesforce.Auth;

/// <summary>A connected app's consumer key and secret with a refresh token it issued (the OAuth 2.0 refresh-token grant).</summary>
public sealed class RefreshTokenCredentials(string clientId, string clientSecret, string refreshToken) : SalesforceCredentials
{
    public string ClientId { get; } = clientId;

    public string ClientSecret { get; } = clientSecret;

    public string RefreshToken { get; } = refreshToken;

    public override IEnumerable<string> Secrets => [ClientSecret, RefreshToken];

    public override string ToString() => "OAuth refresh token";
}

namespace SalesforceEmulator.Auth;

/// <summary>One issued access token (OAuth access_token or SOAP sessionId) and whom it belongs to.</summary>
public sealed class Session(string accessToken, OrgUser user, string? clientId, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
{
    public string AccessToken { get; } = accessToken;

    public OrgUser User { get; } = user;

    /// <summary>The connected app it was issued through; null for a SOAP login.</summary>
    public string? ClientId { get; } = clientId;

    public DateTimeOffset IssuedAt { get; } = issuedAt;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;
}

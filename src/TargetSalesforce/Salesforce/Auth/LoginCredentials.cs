namespace TargetSalesforce.Salesforce.Auth;

/// <summary>
/// How one run logs in: one kind per flow, built from the settings where the program is put
/// together. Each kind names its flow for messages and lists its secrets for the log redactor;
/// none prints a secret (no generated ToString).
/// </summary>
public abstract class LoginCredentials
{
    private protected LoginCredentials()
    {
    }

    /// <summary>The flow as messages name it: "OAuth refresh token", "JWT bearer", ….</summary>
    public abstract string FlowName { get; }

    /// <summary>Every secret value held, so logs can mask each one.</summary>
    public abstract IEnumerable<string> Secrets { get; }

    public override string ToString() => $"{FlowName} login";
}

/// <summary>OAuth refresh-token grant. The secret is optional: an app may be set not to require it.</summary>
public sealed class RefreshTokenLogin(string clientId, string? clientSecret, string refreshToken) : LoginCredentials
{
    public string ClientId { get; } = clientId;

    public string? ClientSecret { get; } = clientSecret;

    public string RefreshToken { get; } = refreshToken;

    public override string FlowName => "OAuth refresh token";

    public override IEnumerable<string> Secrets => new[] { ClientSecret, RefreshToken }.OfType<string>();
}

/// <summary>Username and password (with the security token appended) through SOAP login().</summary>
public sealed class PasswordLogin(string username, string password, string? securityToken) : LoginCredentials
{
    public string Username { get; } = username;

    public string Password { get; } = password;

    public string? SecurityToken { get; } = securityToken;

    public override string FlowName => "password (SOAP login)";

    public override IEnumerable<string> Secrets => new[] { Password, SecurityToken, Password + SecurityToken }.OfType<string>();
}

/// <summary>OAuth JWT bearer grant: an RS256 assertion signed with the key whose certificate the app trusts.</summary>
public sealed class JwtBearerLogin(string clientId, string username, JwtSigningKey key) : LoginCredentials
{
    /// <summary>The consumer key: the assertion's `iss`.</summary>
    public string ClientId { get; } = clientId;

    /// <summary>The user the run acts as: the assertion's `sub`.</summary>
    public string Username { get; } = username;

    public JwtSigningKey Key { get; } = key;

    public override string FlowName => "JWT bearer";

    public override IEnumerable<string> Secrets => Key.Secrets;
}

/// <summary>OAuth client-credentials grant: the app logs in as its configured run-as user.</summary>
public sealed class ClientCredentialsLogin(string clientId, string clientSecret) : LoginCredentials
{
    public string ClientId { get; } = clientId;

    public string ClientSecret { get; } = clientSecret;

    public override string FlowName => "client credentials";

    public override IEnumerable<string> Secrets => [ClientSecret];
}

/// <summary>An access token handed in with the instance it belongs to: used as given, never renewed.</summary>
public sealed class GivenAccessTokenLogin(string accessToken, Uri instanceUrl) : LoginCredentials
{
    public string AccessToken { get; } = accessToken;

    /// <summary>The org's base URL, without a trailing slash.</summary>
    public Uri InstanceUrl { get; } = instanceUrl;

    public override string FlowName => "access token as given";

    public override IEnumerable<string> Secrets => [AccessToken];
}

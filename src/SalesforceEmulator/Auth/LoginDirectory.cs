using System.Security.Cryptography.X509Certificates;

namespace SalesforceEmulator.Auth;

/// <summary>A user who can log in with a password (plus security token) or through a connected app.</summary>
public sealed record OrgUser(
    string UserId,
    string Username,
    string Password,
    string? SecurityToken,
    string FirstName,
    string LastName,
    string Email)
{
    /// <summary>What a login must send as the password: Salesforce appends the security token with no separator.</summary>
    public string LoginSecret => Password + (SecurityToken ?? "");

    public string DisplayName => $"{FirstName} {LastName}";
}

/// <summary>A connected app's consumer key and secret; a null secret means the app does not require one.</summary>
public sealed record ConnectedApp(string ClientId, string? ClientSecret)
{
    /// <summary>The certificate the app trusts for JWT bearer assertions ("Use digital signatures"); null: the app takes none.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>The user a client-credentials login runs as; null: the app has that flow off.</summary>
    public string? RunAsUsername { get; init; }

    /// <summary>Users an admin pre-authorized for the app, so JWT bearer logins as them need no earlier approval.</summary>
    public IReadOnlyList<string> PreAuthorizedUsers { get; init; } = [];
}

/// <summary>A refresh token granted to one user through one connected app (before any run, as by an OAuth web flow).</summary>
public sealed record GrantedRefreshToken(string Token, string ClientId, string Username);

/// <summary>
/// The identities an org accepts. Starts with the documented defaults; the org definition can add more
/// through <see cref="AddUser"/>, <see cref="AddApp"/> and <see cref="AddRefreshToken"/>.
/// </summary>
public sealed class LoginDirectory
{
    /// <summary>The org id: 00D key prefix, 15 characters plus the case-safe suffix.</summary>
    public const string DefaultOrganizationId = "00D000000000001EAA";

    public const string DefaultUsername = "admin@emulator.local";
    public const string DefaultPassword = "password";
    public const string DefaultSecurityToken = "token";
    public const string DefaultClientId = "emulator-client";
    public const string DefaultClientSecret = "emulator-secret";
    public const string DefaultRefreshToken = "emulator-refresh-token";

    private readonly Lock gate = new();
    private readonly List<OrgUser> users = [];
    private readonly List<ConnectedApp> apps = [];
    private readonly List<GrantedRefreshToken> refreshTokens = [];

    public LoginDirectory()
    {
        AddUser(new OrgUser("005000000000001AAA", DefaultUsername, DefaultPassword, DefaultSecurityToken,
            "Emulator", "Admin", DefaultUsername));
        AddApp(new ConnectedApp(DefaultClientId, DefaultClientSecret));
        AddRefreshToken(new GrantedRefreshToken(DefaultRefreshToken, DefaultClientId, DefaultUsername));
    }

    public string OrganizationId { get; set; } = DefaultOrganizationId;

    /// <summary>The 15-character form of the org id, which access tokens start with.</summary>
    public string OrganizationId15 => OrganizationId[..15];

    public OrgUser DefaultUser => Users[0];

    public IReadOnlyList<OrgUser> Users
    {
        get { lock (gate) { return [.. users]; } }
    }

    /// <summary>The connected apps, in the order they were added (the `/limits` per-app entries list them).</summary>
    public IReadOnlyList<ConnectedApp> Apps
    {
        get { lock (gate) { return [.. apps]; } }
    }

    public void AddUser(OrgUser user)
    {
        lock (gate) { users.Add(user); }
    }

    /// <summary>Puts <paramref name="user"/> in place of the user with its username, keeping its place (the first is the default user).</summary>
    public void ReplaceUser(OrgUser user)
    {
        lock (gate)
        {
            var at = users.FindIndex(u => string.Equals(u.Username, user.Username, StringComparison.OrdinalIgnoreCase));
            if (at >= 0)
                users[at] = user;
            else
                users.Add(user);
        }
    }

    public void AddApp(ConnectedApp app)
    {
        lock (gate) { apps.Add(app); }
    }

    /// <summary>Puts <paramref name="app"/> in place of the app with its client id (or adds it).</summary>
    public void ReplaceApp(ConnectedApp app)
    {
        lock (gate)
        {
            apps.RemoveAll(a => a.ClientId == app.ClientId);
            apps.Add(app);
        }
    }

    /// <summary>
    /// Whether <paramref name="username"/> may use <paramref name="app"/> without being asked: pre-authorized by an
    /// admin, or approved earlier through the app with a refresh token (what Salesforce looks for on a JWT bearer login).
    /// </summary>
    public bool HasApproved(string username, ConnectedApp app)
    {
        lock (gate)
        {
            return app.PreAuthorizedUsers.Any(u => string.Equals(u, username, StringComparison.OrdinalIgnoreCase))
                || refreshTokens.Exists(t => t.ClientId == app.ClientId && string.Equals(t.Username, username, StringComparison.OrdinalIgnoreCase));
        }
    }

    public void AddRefreshToken(GrantedRefreshToken token)
    {
        lock (gate) { refreshTokens.Add(token); }
    }

    /// <summary>
    /// Adds a user from the org definition, giving it the next free user id (005…002, 005…003, …); returns it.
    /// </summary>
    public OrgUser AddUser(string username, string password, string? securityToken)
    {
        lock (gate)
        {
            var number = users.Count + 1;
            var user = new OrgUser($"005{number:D12}AAA", username, password, securityToken,
                "Emulator", $"User {number}", username);
            users.Add(user);
            return user;
        }
    }

    /// <summary>Adds a connected app from the org definition; its refresh tokens are granted to the default user.</summary>
    public void AddApp(string clientId, string? clientSecret, IEnumerable<string> refreshTokens)
    {
        AddApp(new ConnectedApp(clientId, clientSecret));
        foreach (var token in refreshTokens)
        {
            AddRefreshToken(new GrantedRefreshToken(token, clientId, DefaultUsername));
        }
    }

    /// <summary>Usernames are case-insensitive in Salesforce.</summary>
    public OrgUser? FindUserByName(string username)
    {
        lock (gate) { return users.Find(u => string.Equals(u.Username, username, StringComparison.OrdinalIgnoreCase)); }
    }

    /// <summary>User ids match in their 15- or 18-character form.</summary>
    public OrgUser? FindUserById(string userId)
    {
        lock (gate)
        {
            return users.Find(u => userId.Length == 15
                ? u.UserId.StartsWith(userId, StringComparison.Ordinal)
                : string.Equals(u.UserId, userId, StringComparison.OrdinalIgnoreCase));
        }
    }

    public ConnectedApp? FindApp(string clientId)
    {
        lock (gate) { return apps.Find(a => a.ClientId == clientId); }
    }

    public GrantedRefreshToken? FindRefreshToken(string token)
    {
        lock (gate) { return refreshTokens.Find(t => t.Token == token); }
    }

    public IReadOnlyList<string> RefreshTokens()
    {
        lock (gate) { return [.. refreshTokens.Select(t => t.Token)]; }
    }
}

using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace SalesforceEmulator.Auth;

/// <summary>
/// Issued sessions and the state of refresh tokens. Sessions expire <see cref="EmulatorOptions.TokenLifetime"/>
/// after issue, measured on the emulator's clock, so tests move a fake clock instead of waiting.
/// </summary>
public sealed class TokenStore(LoginDirectory credentials, TimeProvider time, TimeSpan tokenLifetime)
{
    // Real access tokens are "{orgId15}!{opaque}"; the opaque part uses these characters.
    private const string TokenAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";

    private readonly ConcurrentDictionary<string, Session> sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> revokedRefreshTokens = new(StringComparer.Ordinal);

    /// <summary>Sessions issued and not yet removed (expired ones leave on their next lookup).</summary>
    public int SessionCount => sessions.Count;

    /// <summary>Issues a fresh access token for the default admin user (tests use it to call routes directly).</summary>
    public string IssueAccessToken() => Issue(credentials.DefaultUser, clientId: null).AccessToken;

    public Session Issue(OrgUser user, string? clientId)
    {
        var now = time.GetUtcNow();
        var token = $"{credentials.OrganizationId15}!AQ{RandomNumberGenerator.GetString(TokenAlphabet, 96)}";
        var session = new Session(token, user, clientId, now, now + tokenLifetime);
        sessions[token] = session;
        return session;
    }

    /// <summary>The live session of an access token, or null when it is unknown, expired or revoked.</summary>
    public Session? Find(string accessToken)
    {
        if (!sessions.TryGetValue(accessToken, out var session))
        {
            return null;
        }

        if (time.GetUtcNow() >= session.ExpiresAt)
        {
            sessions.TryRemove(accessToken, out _);
            return null;
        }

        return session;
    }

    public bool Expire(string accessToken) => sessions.TryRemove(accessToken, out _);

    /// <summary>Ends every session at once, as when an admin resets the org's sessions; returns how many ended.</summary>
    public int ExpireAll()
    {
        var count = 0;
        foreach (var token in sessions.Keys)
        {
            if (sessions.TryRemove(token, out _))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The grant behind a refresh token, or null when it is unknown or revoked.</summary>
    public GrantedRefreshToken? FindRefreshToken(string refreshToken) =>
        revokedRefreshTokens.ContainsKey(refreshToken) ? null : credentials.FindRefreshToken(refreshToken);

    /// <summary>Revokes one refresh token; later refresh grants with it fail with invalid_grant.</summary>
    public bool RevokeRefreshToken(string refreshToken)
    {
        if (credentials.FindRefreshToken(refreshToken) is null)
        {
            return false;
        }

        revokedRefreshTokens[refreshToken] = true;
        return true;
    }

    /// <summary>
    /// Revokes a live refresh token and ends the sessions issued from it (those of its user through its app); false
    /// when the token is unknown or already revoked.
    /// </summary>
    public bool RevokeRefreshTokenAndItsSessions(string refreshToken)
    {
        if (FindRefreshToken(refreshToken) is not { } grant)
        {
            return false;
        }

        revokedRefreshTokens[refreshToken] = true;
        foreach (var session in sessions.Values)
        {
            if (session.ClientId == grant.ClientId && string.Equals(session.User.Username, grant.Username, StringComparison.OrdinalIgnoreCase))
            {
                sessions.TryRemove(session.AccessToken, out _);
            }
        }

        return true;
    }

    /// <summary>Revokes every refresh token the org knows; returns how many.</summary>
    public int RevokeAllRefreshTokens()
    {
        var tokens = credentials.RefreshTokens();
        foreach (var token in tokens)
        {
            revokedRefreshTokens[token] = true;
        }

        return tokens.Count;
    }
}

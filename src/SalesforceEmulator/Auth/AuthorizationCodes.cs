using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace SalesforceEmulator.Auth;

/// <summary>One code the authorize endpoint issued, and what it was issued for.</summary>
/// <param name="CodeChallenge">The PKCE challenge sent with the authorization request; null when none was.</param>
public sealed record IssuedCode(string ClientId, string Username, string RedirectUri, string? CodeChallenge, DateTimeOffset ExpiresAt);

/// <summary>
/// Authorization codes of the web-server flow: each used once, and only within
/// <see cref="Lifetime"/> of issue, measured on the emulator's clock.
/// </summary>
public sealed class AuthorizationCodes(TimeProvider time)
{
    /// <summary>Salesforce's codes expire 15 minutes after issue.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    // Real codes are opaque Base64-like text; these start as Salesforce's do ("aPrx").
    private const string CodeAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private readonly ConcurrentDictionary<string, IssuedCode> codes = new(StringComparer.Ordinal);

    public string Issue(string clientId, string username, string redirectUri, string? codeChallenge)
    {
        var code = "aPrx" + RandomNumberGenerator.GetString(CodeAlphabet, 80);
        codes[code] = new IssuedCode(clientId, username, redirectUri, codeChallenge, time.GetUtcNow() + Lifetime);
        return code;
    }

    /// <summary>Takes a code out, so it can never be used twice; its grant, with whether it has expired.</summary>
    public (IssuedCode? Code, bool Expired) Redeem(string code)
    {
        if (!codes.TryRemove(code, out var issued))
        {
            return (null, false);
        }

        return (issued, time.GetUtcNow() >= issued.ExpiresAt);
    }
}

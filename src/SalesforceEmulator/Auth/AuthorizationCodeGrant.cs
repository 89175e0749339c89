using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace SalesforceEmulator.Auth;

/// <summary>
/// grant_type=authorization_code: a code from the authorize endpoint, redeemed once, within its lifetime,
/// by the app it was issued to, with the same redirect_uri, and, when the authorization request carried a
/// PKCE challenge, with the verifier whose SHA-256 it is.
/// </summary>
public static class AuthorizationCodeGrant
{
    public static GrantOutcome Check(ConnectedApp app, string? code, string? redirectUri, string? verifier, AuthorizationCodes codes, LoginDirectory credentials)
    {
        var (issued, expired) = codes.Redeem(code ?? "");
        if (issued is null || issued.ClientId != app.ClientId)
        {
            return GrantOutcome.InvalidGrant("invalid authorization code");
        }

        if (expired)
        {
            return GrantOutcome.InvalidGrant("expired authorization code");
        }

        if (redirectUri != issued.RedirectUri)
        {
            return GrantOutcome.InvalidGrant("redirect_uri must match configuration");
        }

        if (issued.CodeChallenge is { } challenge && (verifier is null || !Matches(verifier, challenge)))
        {
            return GrantOutcome.InvalidGrant("invalid code verifier");
        }

        var user = credentials.FindUserByName(issued.Username);
        return user is null ? GrantOutcome.InvalidGrant("invalid authorization code") : GrantOutcome.For(user, app);
    }

    private static bool Matches(string verifier, string challenge) =>
        ClientAuthentication.FixedTimeEquals(Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))), challenge);
}

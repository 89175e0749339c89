using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace TargetSalesforce.Salesforce.Auth;

/// <summary>
/// A PKCE pair (RFC 7636, S256): a random verifier kept by the client, and its SHA-256 challenge sent
/// with the authorization request. Base64url of 32 random bytes gives 43 characters from A–Z a–z 0–9 - _
/// only (Salesforce has been seen to refuse a verifier with '~' in it).
/// </summary>
internal sealed class Pkce
{
    private Pkce(string verifier)
    {
        Verifier = verifier;
        Challenge = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
    }

    /// <summary>The secret half: sent once, with the code, to the token endpoint.</summary>
    public string Verifier { get; }

    /// <summary>The public half: in the authorization URL.</summary>
    public string Challenge { get; }

    public static Pkce Create() => new(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)));

    public override string ToString() => "PKCE pair";
}

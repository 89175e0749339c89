using System.Security.Cryptography;

namespace TargetSalesforce.Salesforce.Auth;

/// <summary>
/// The RSA private key that signs JWT bearer assertions, read from PEM text by the runtime's own
/// PEM and key readers. Anything else (not PEM, encrypted, another kind of key) is refused with a
/// reason that never quotes the key.
/// </summary>
public sealed class JwtSigningKey : IDisposable
{
    private readonly RSA rsa;
    private readonly string pem;

    private JwtSigningKey(RSA rsa, string pem)
    {
        this.rsa = rsa;
        this.pem = pem;
    }

    /// <summary>The key's PEM text and each line of it, so logs can mask any part of it.</summary>
    public IEnumerable<string> Secrets =>
        new[] { pem }.Concat(pem.Split('\n').Select(line => line.Trim()).Where(line => line.Length >= 16 && !line.StartsWith("-----", StringComparison.Ordinal)));

    /// <summary>Reads an unencrypted RSA private key (PKCS#8 `PRIVATE KEY` or PKCS#1 `RSA PRIVATE KEY`).</summary>
    /// <exception cref="InvalidSigningKeyException">The text is not such a key; the message says why, without the key.</exception>
    public static JwtSigningKey FromPem(string pem)
    {
        // The legacy encrypted form carries a Proc-Type header that the PEM reader would not even find.
        if (pem.Contains("ENCRYPTED", StringComparison.Ordinal))
        {
            throw new InvalidSigningKeyException(
                "is encrypted; the JWT bearer flow needs the key without a passphrase (decrypt it with `openssl pkey -in KEY -out KEY.plain` and keep that file private)");
        }

        if (!PemEncoding.TryFind(pem, out var fields))
        {
            throw new InvalidSigningKeyException(
                "is not a PEM private key (expected a block starting -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)");
        }

        var label = pem[fields.Label];
        if (label is not ("PRIVATE KEY" or "RSA PRIVATE KEY"))
        {
            throw new InvalidSigningKeyException(label switch
            {
                "CERTIFICATE" or "PUBLIC KEY" or "RSA PUBLIC KEY" =>
                    $"holds a {label.ToLowerInvariant()}, not the private key: give the key the certificate was made from",
                "OPENSSH PRIVATE KEY" =>
                    "is an OpenSSH key; the JWT bearer flow needs an RSA key in PEM (`openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048`)",
                _ => $"is a {label} block, not an RSA private key",
            });
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return new JwtSigningKey(rsa, pem);
        }
        catch (CryptographicException)
        {
            rsa.Dispose();
            throw new InvalidSigningKeyException(IsOtherKind(pem)
                ? "is not an RSA private key (Salesforce signs JWT bearer assertions with RS256, which needs RSA)"
                : "could not be read as an RSA private key (the PEM block is damaged)");
        }
    }

    /// <summary>An RS256 signature (RSASSA-PKCS1-v1_5 with SHA-256) of <paramref name="data"/>.</summary>
    internal byte[] SignRs256(ReadOnlySpan<byte> data) => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    // A PKCS#8 block holds any algorithm: an EC key reads fine as ECDsa, so it is the wrong kind rather than damaged.
    private static bool IsOtherKind(string pem)
    {
        using var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(pem);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public void Dispose() => rsa.Dispose();

    public override string ToString() => "RSA signing key";
}

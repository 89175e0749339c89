using System.Security.Cryptography;
using TargetSalesforce.Salesforce.Auth;

namespace TargetSalesforce.Tests.Salesforce.Auth;

/// <summary>The private key is read by the runtime's PEM readers; every kind of wrong key is refused with a reason that never quotes it.</summary>
public class JwtSigningKeyTests
{
    private readonly RSA rsa = RSA.Create(2048);

    [OneTimeTearDown]
    public void DisposeKey() => rsa.Dispose();

    private static void AssertRefused(string pem, string reason)
    {
        var error = Assert.Throws<InvalidSigningKeyException>(() => JwtSigningKey.FromPem(pem));

        Assert.That(error!.Message, Does.Contain(reason));
        foreach (var line in pem.Split('\n').Where(l => l.Length > 20 && !l.StartsWith("-----", StringComparison.Ordinal)))
        {
            Assert.That(error.Message, Does.Not.Contain(line), "the key is never quoted");
        }
    }

    [Test]
    public void Pkcs8_and_pkcs1_rsa_keys_are_read()
    {
        using var pkcs8 = JwtSigningKey.FromPem(rsa.ExportPkcs8PrivateKeyPem());
        using var pkcs1 = JwtSigningKey.FromPem(rsa.ExportRSAPrivateKeyPem());

        var data = "header.claims"u8.ToArray();
        Assert.That(rsa.VerifyData(data, pkcs8.SignRs256(data), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), Is.True);
        Assert.That(rsa.VerifyData(data, pkcs1.SignRs256(data), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), Is.True);
    }

    [Test]
    public void Every_line_of_the_key_is_a_secret_to_mask()
    {
        var pem = rsa.ExportPkcs8PrivateKeyPem();
        using var key = JwtSigningKey.FromPem(pem);

        Assert.That(key.Secrets, Does.Contain(pem));
        Assert.That(key.Secrets, Is.SupersetOf(pem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal) && l.Length > 0).Take(3)));
        Assert.That(key.ToString(), Does.Not.Contain("BEGIN"));
    }

    [TestCase("not a key at all")]
    [TestCase("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC")]
    public void Text_that_is_not_pem_is_refused(string text) => AssertRefused(text, "is not a PEM private key");

    [Test]
    public void An_encrypted_pkcs8_key_is_refused() =>
        AssertRefused(
            rsa.ExportEncryptedPkcs8PrivateKeyPem("passphrase", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000)),
            "is encrypted");

    [Test]
    public void A_legacy_encrypted_rsa_key_is_refused() =>
        AssertRefused(
            "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\nAAAA\n-----END RSA PRIVATE KEY-----\n",
            "is encrypted");

    [Test]
    public void An_ec_key_is_not_rsa()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        AssertRefused(ec.ExportPkcs8PrivateKeyPem(), "is not an RSA private key");
        AssertRefused(ec.ExportECPrivateKeyPem(), "is a EC PRIVATE KEY block, not an RSA private key");
    }

    [Test]
    public void A_public_key_or_certificate_is_not_the_private_key() =>
        AssertRefused(rsa.ExportSubjectPublicKeyInfoPem(), "holds a public key, not the private key");

    [Test]
    public void A_damaged_block_is_named_as_such() =>
        AssertRefused("-----BEGIN PRIVATE KEY-----\nAAAAAAAA\n-----END PRIVATE KEY-----\n", "could not be read as an RSA private key");
}

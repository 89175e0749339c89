using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Salesforce.Auth;

namespace TargetSalesforce.Tests.Salesforce.Auth;

public class JwtAssertionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 14, 30, 0, TimeSpan.Zero);

    [Test]
    public void The_assertion_carries_salesforces_claims_and_verifies_with_the_public_key()
    {
        using var rsa = RSA.Create(2048);
        using var key = JwtSigningKey.FromPem(rsa.ExportPkcs8PrivateKeyPem());
        var login = new JwtBearerLogin("3MVG9-consumer-key", "etl@acme.test", key);

        var assertion = JwtAssertion.Create(login, "https://login.salesforce.com", Now);

        var parts = assertion.Split('.');
        Assert.That(parts, Has.Length.EqualTo(3));
        Assert.That(assertion, Does.Not.Contain("=").And.Not.Contain("+").And.Not.Contain("/"), "base64url without padding");
        Assert.That(JObject.Parse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[0])))["alg"]?.ToString(), Is.EqualTo("RS256"));
        var claims = JObject.Parse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])));
        Assert.That((string?)claims["iss"], Is.EqualTo("3MVG9-consumer-key"));
        Assert.That((string?)claims["sub"], Is.EqualTo("etl@acme.test"));
        Assert.That((string?)claims["aud"], Is.EqualTo("https://login.salesforce.com"));
        Assert.That((long)claims["exp"]!, Is.EqualTo(Now.AddMinutes(3).ToUnixTimeSeconds()), "three minutes ahead, in seconds");
        var signed = Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}");
        Assert.That(rsa.VerifyData(signed, Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), Is.True);
    }

    [TestCase("https://login.salesforce.com", "https://login.salesforce.com")]
    [TestCase("https://acme.my.salesforce.com/", "https://acme.my.salesforce.com")]
    [TestCase("http://127.0.0.1:5555", "http://127.0.0.1:5555")]
    public void The_audience_is_where_the_login_goes_without_a_trailing_slash(string loginUrl, string audience)
    {
        Assert.That(JwtBearerFlow.Audience(new Uri(loginUrl)), Is.EqualTo(audience));
    }
}

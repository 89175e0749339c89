using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SalesforceEmulator.Tests.Auth;

/// <summary>JWT bearer assertions as a client builds them, signed with the demo key or any other.</summary>
internal static class TestAssertions
{
    public static string DemoKeyPem => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "keys", "jwt-demo.key"));

    public static string DemoCertificatePem => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "keys", "jwt-demo.crt"));

    /// <summary>An RS256 JWT of <paramref name="claims"/> (header <paramref name="alg"/>), signed with <paramref name="keyPem"/> (default: the demo key).</summary>
    public static string Sign(object claims, string? keyPem = null, string alg = "RS256")
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(keyPem ?? DemoKeyPem);
        var signed = $"{Part(new { alg })}.{Part(claims)}";
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signed}.{Base64Url.EncodeToString(signature)}";
    }

    /// <summary>The claims the default org accepts, at <paramref name="now"/>, with any of them replaced.</summary>
    public static Dictionary<string, object?> Claims(DateTimeOffset now, string audience, params (string Name, object? Value)[] changes)
    {
        var claims = new Dictionary<string, object?>
        {
            ["iss"] = "emulator-client",
            ["sub"] = "admin@emulator.local",
            ["aud"] = audience,
            ["exp"] = (now + TimeSpan.FromMinutes(3)).ToUnixTimeSeconds(),
        };
        foreach (var (name, value) in changes)
        {
            if (value is null)
            {
                claims.Remove(name);
            }
            else
            {
                claims[name] = value;
            }
        }

        return claims;
    }

    public static string NewKeyPem()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    private static string Part(object value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));
}

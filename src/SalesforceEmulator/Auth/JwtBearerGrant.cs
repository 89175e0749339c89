using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace SalesforceEmulator.Auth;

/// <summary>
/// grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer: the assertion is read as Salesforce reads it.
/// `iss` names the app, whose trusted certificate must verify the RS256 signature; `aud` must be this
/// org's own URL or https://login.salesforce.com / https://test.salesforce.com; `exp` must lie ahead;
/// `sub` must be a user who approved the app (pre-authorized, or through an earlier refresh-token grant).
/// </summary>
public static class JwtBearerGrant
{
    public const string GrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private static readonly string[] SharedAudiences = ["https://login.salesforce.com", "https://test.salesforce.com"];

    public static GrantOutcome Check(string? assertion, LoginDirectory credentials, string baseUrl, DateTimeOffset now)
    {
        var parts = assertion?.Split('.') ?? [];
        if (parts.Length != 3 || Decode(parts[0]) is not { } header || Decode(parts[1]) is not { } claims
            || Text(header, "alg") != "RS256" || !TryDecodeBytes(parts[2], out var signature))
        {
            return GrantOutcome.InvalidGrant("invalid assertion");
        }

        var app = credentials.FindApp(Text(claims, "iss") ?? "");
        if (app is null)
        {
            return GrantOutcome.Refused("invalid_client_id", "client identifier invalid");
        }

        if (app.Certificate is null)
        {
            // The app has no certificate ("Use digital signatures" off): it cannot be used with this flow.
            return GrantOutcome.InvalidGrant("invalid app access");
        }

        using (var key = app.Certificate.GetRSAPublicKey()!)
        {
            var signed = Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}");
            if (!key.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                return GrantOutcome.InvalidGrant("invalid assertion");
            }
        }

        if (!Audiences(claims).Any(aud => aud == baseUrl || SharedAudiences.Contains(aud)))
        {
            return GrantOutcome.InvalidGrant("audience is invalid");
        }

        if (!claims.TryGetProperty("exp", out var exp) || !exp.TryGetInt64(out var expSeconds))
        {
            return GrantOutcome.InvalidGrant("invalid assertion");
        }

        if (now >= DateTimeOffset.FromUnixTimeSeconds(expSeconds))
        {
            return GrantOutcome.InvalidGrant("expired authorization code");
        }

        var user = credentials.FindUserByName(Text(claims, "sub") ?? "");
        if (user is null || !credentials.HasApproved(user.Username, app))
        {
            return GrantOutcome.InvalidGrant("user hasn't approved this consumer");
        }

        return GrantOutcome.For(user, app);
    }

    /// <summary>`aud` is one string or an array of them; a trailing slash is not a different audience.</summary>
    private static IEnumerable<string> Audiences(JsonElement claims)
    {
        if (!claims.TryGetProperty("aud", out var aud))
        {
            return [];
        }

        var values = aud.ValueKind switch
        {
            JsonValueKind.String => [aud.GetString()!],
            JsonValueKind.Array => aud.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!).ToList(),
            _ => new List<string>(),
        };
        return values.Select(v => v.TrimEnd('/'));
    }

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonElement? Decode(string part)
    {
        if (!TryDecodeBytes(part, out var bytes))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TryDecodeBytes(string part, out byte[] bytes)
    {
        bytes = new byte[Base64Url.GetMaxDecodedLength(part.Length)];
        if (!Base64Url.TryDecodeFromChars(part, bytes, out var written))
        {
            return false;
        }

        bytes = bytes[..written];
        return true;
    }
}

using System.Buffers.Text;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Salesforce.Auth;

/// <summary>
/// The signed JWT the bearer flow posts: header {"alg":"RS256"} and the claims Salesforce reads,
/// iss (the consumer key), sub (the user), aud (where the login goes) and exp, each part
/// base64url-encoded, signed with RS256 over "header.claims".
/// </summary>
internal static class JwtAssertion
{
    /// <summary>Salesforce wants exp within three minutes of the request, so that is how long an assertion lives.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(3);

    public static string Create(JwtBearerLogin login, string audience, DateTimeOffset now)
    {
        var header = new JObject { ["alg"] = "RS256" };
        var claims = new JObject
        {
            ["iss"] = login.ClientId,
            ["sub"] = login.Username,
            ["aud"] = audience,
            ["exp"] = (now + Lifetime).ToUnixTimeSeconds(),
        };
        var signed = $"{Encode(header)}.{Encode(claims)}";
        var signature = login.Key.SignRs256(Encoding.ASCII.GetBytes(signed));
        return $"{signed}.{Base64Url.EncodeToString(signature)}";
    }

    private static string Encode(JObject part) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(part.ToString(Formatting.None)));
}

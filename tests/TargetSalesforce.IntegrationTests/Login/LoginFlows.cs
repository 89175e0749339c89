using System.Runtime.Versioning;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Login;

/// <summary>The config overrides that make <see cref="TargetConfig"/>'s OAuth config log in with each flow against the test's emulator.</summary>
[UnsupportedOSPlatform("windows")]
internal static class LoginFlows
{
    /// <summary>No refresh-token credentials, so only the flow's own settings remain.</summary>
    private static readonly Dictionary<string, object?> NoOAuth = new()
    {
        ["client_id"] = null, ["client_secret"] = null, ["refresh_token"] = null,
    };

    public static Dictionary<string, object?> RefreshToken() => new();

    /// <summary>
    /// Password login as a user of its own: the default user's password is the word "password", which the
    /// target rightly masks wherever it appears, messages about password login included.
    /// </summary>
    public static Dictionary<string, object?> Password(string username, string password, string securityToken) => With(NoOAuth, new()
    {
        ["username"] = username, ["password"] = password, ["security_token"] = securityToken,
    });

    public static Dictionary<string, object?> Jwt(string keyFile) => With(NoOAuth, new()
    {
        ["client_id"] = EmulatorCredentials.ClientId, ["username"] = EmulatorCredentials.Username, ["private_key_file"] = keyFile,
    });

    public static Dictionary<string, object?> ClientCredentials() => new() { ["refresh_token"] = null };

    public static Dictionary<string, object?> AccessToken(string token, Uri instance) => With(NoOAuth, new()
    {
        ["access_token"] = token, ["instance_url"] = instance.ToString().TrimEnd('/'),
    });

    public static Dictionary<string, object?> With(Dictionary<string, object?> first, Dictionary<string, object?> more)
    {
        var merged = new Dictionary<string, object?>(first);
        foreach (var (key, value) in more)
        {
            merged[key] = value;
        }

        return merged;
    }
}

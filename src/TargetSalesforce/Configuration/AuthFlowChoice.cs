using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Configuration;

/// <summary>
/// Which login a normalised config asks for, what it lacks, and what it sets but will not use.
/// `auth_flow` names a flow, or `auto` chooses one from the credentials given: a private key means
/// JWT bearer; then, as before this setting existed, a complete refresh-token set, then username
/// and password; then a token handed in with its instance; last, an app's key and secret alone
/// mean client credentials. Messages name keys, never values.
/// </summary>
public static class AuthFlowChoice
{
    private static readonly string[] RefreshSet = ["client_id", "client_secret", "refresh_token"];
    private static readonly string[] PasswordSet = ["username", "password"];
    private static readonly string[] TokenSet = ["access_token", "instance_url"];
    private static readonly string[] KeyKeys = ["private_key", "private_key_file"];

    /// <summary>Who a JWT bearer login acts for and as: the keys it needs beside the key.</summary>
    private static readonly string[] JwtIdentityKeys = ["client_id", "username"];

    /// <summary>Every credential key, to name the ones a chosen flow leaves unused.</summary>
    private static readonly string[] CredentialKeys =
        ["client_id", "client_secret", "refresh_token", "username", "password", "security_token", "private_key", "private_key_file", "access_token", "instance_url"];

    /// <summary>Each flow by the `auth_flow` value that names it.</summary>
    private static readonly Dictionary<string, AuthFlow> ByName = Enum.GetValues<AuthFlow>().ToDictionary(SettingValue, StringComparer.Ordinal);

    /// <summary>What the config asks for: a flow (null when it cannot be chosen), the problems, the warnings.</summary>
    public sealed record Outcome(AuthFlow? Flow, IReadOnlyList<ConfigProblem> Problems, IReadOnlyList<string> Warnings);

    public static Outcome Choose(JObject config)
    {
        var named = config["auth_flow"] is JValue { Type: JTokenType.String } value ? (string?)value : null;
        if (!ByName.TryGetValue(named ?? SettingValue(AuthFlow.Auto), out var flow))
        {
            // Not a known flow: the schema check reports it; nothing more to say here.
            return new Outcome(null, [], []);
        }

        return flow == AuthFlow.Auto ? Auto(config) : Named(config, flow);
    }

    /// <summary>The `auth_flow` value that names <paramref name="flow"/>.</summary>
    public static string SettingValue(AuthFlow flow) => flow switch
    {
        AuthFlow.RefreshToken => "refresh_token",
        AuthFlow.Password => "password",
        AuthFlow.Jwt => "jwt",
        AuthFlow.ClientCredentials => "client_credentials",
        AuthFlow.AccessToken => "access_token",
        _ => "auto",
    };

    private static Outcome Named(JObject config, AuthFlow flow)
    {
        var (required, optional) = Keys(flow);
        var why = $"for auth_flow {SettingValue(flow)}";
        var problems = required.Where(k => !config.ContainsKey(k)).Select(k => new ConfigProblem(k, $"is required {why}")).ToList();
        if (flow == AuthFlow.Jwt)
        {
            problems.AddRange(KeyProblems(config, why));
        }

        return new Outcome(problems.Count == 0 ? flow : null, problems, Unused(config, flow, required.Concat(optional)));
    }

    private static Outcome Auto(JObject config)
    {
        bool Has(string key) => config.ContainsKey(key);
        var keys = KeyKeys.Where(Has).ToList();
        if (keys.Count > 0)
        {
            var why = $"for the JWT bearer flow ({string.Join(" and ", keys)} {(keys.Count == 1 ? "is" : "are")} set)";
            var problems = JwtIdentityKeys.Where(k => !Has(k)).Select(k => new ConfigProblem(k, $"is required {why}")).ToList();
            problems.AddRange(KeyProblems(config, why));
            var (required, optional) = Keys(AuthFlow.Jwt);
            return new Outcome(problems.Count == 0 ? AuthFlow.Jwt : null, problems, Unused(config, AuthFlow.Jwt, required.Concat(optional)));
        }

        if (RefreshSet.All(Has))
        {
            var warnings = PasswordSet.Append("security_token").Any(Has)
                ? new List<string> { "Both OAuth and password settings are given; OAuth login is used." }
                : [];
            return new Outcome(AuthFlow.RefreshToken, [], warnings);
        }

        if (PasswordSet.All(Has))
        {
            var warnings = RefreshSet.Any(Has)
                ? new List<string> { $"OAuth settings are incomplete (missing {string.Join(", ", RefreshSet.Where(k => !Has(k)))}); password login is used." }
                : [];
            return new Outcome(AuthFlow.Password, [], warnings);
        }

        if (TokenSet.All(Has))
        {
            var (required, optional) = Keys(AuthFlow.AccessToken);
            return new Outcome(AuthFlow.AccessToken, [], Unused(config, AuthFlow.AccessToken, required.Concat(optional)));
        }

        var others = CredentialKeys.Except(["client_id", "client_secret"]);
        if (Has("client_id") && Has("client_secret") && !others.Any(Has))
        {
            return new Outcome(AuthFlow.ClientCredentials, [], []);
        }

        return new Outcome(null, Incomplete(config), []);
    }

    /// <summary>No flow is complete: name what each partly given set lacks, or say that none is given.</summary>
    private static List<ConfigProblem> Incomplete(JObject config)
    {
        var problems = new List<ConfigProblem>();
        var sets = new (string[] Keys, string[] Given, string Name)[]
        {
            (RefreshSet, RefreshSet, "OAuth login"),
            (PasswordSet, [.. PasswordSet, "security_token"], "password login"),
            (TokenSet, TokenSet, "a token handed in"),
        };
        foreach (var (keys, signs, name) in sets)
        {
            var given = signs.Where(config.ContainsKey).ToList();
            if (given.Count == 0)
            {
                continue;
            }

            var setBy = $"{string.Join(" and ", given)} {(given.Count == 1 ? "is" : "are")} set";
            problems.AddRange(keys.Where(k => !config.ContainsKey(k)).Select(k => new ConfigProblem(k, $"is required for {name} ({setBy})")));
        }

        if (problems.Count == 0)
        {
            problems.Add(new ConfigProblem(
                "credentials",
                "none given; set client_id, client_secret and refresh_token (OAuth), or username and password (password login), " +
                "or client_id, username and private_key_file (JWT bearer), or client_id and client_secret on a My Domain (client credentials), " +
                "or access_token and instance_url (a token handed in); `target-salesforce login` gets a refresh token"));
        }

        return problems;
    }

    private static IEnumerable<ConfigProblem> KeyProblems(JObject config, string why)
    {
        if (KeyKeys.All(config.ContainsKey))
        {
            yield return new ConfigProblem("private_key_file", "is set together with private_key; set one of them");
        }
        else if (!KeyKeys.Any(config.ContainsKey))
        {
            yield return new ConfigProblem("private_key_file", $"is required {why} (or private_key, the PEM text itself)");
        }
    }

    /// <summary>The keys a flow needs, and the ones it may use.</summary>
    private static (string[] Required, string[] Optional) Keys(AuthFlow flow) => flow switch
    {
        AuthFlow.RefreshToken => (["client_id", "refresh_token"], ["client_secret"]),
        AuthFlow.Password => (PasswordSet, ["security_token"]),
        AuthFlow.Jwt => (["client_id", "username"], KeyKeys),
        AuthFlow.ClientCredentials => (["client_id", "client_secret"], []),
        AuthFlow.AccessToken => (TokenSet, []),
        _ => ([], []),
    };

    private static List<string> Unused(JObject config, AuthFlow flow, IEnumerable<string> used)
    {
        var unused = CredentialKeys.Except(used).Where(config.ContainsKey).ToList();
        return unused.Count == 0
            ? []
            : [$"Logging in with the {Describe(flow)} flow: {string.Join(", ", unused)} {(unused.Count == 1 ? "is" : "are")} set but not used."];
    }

    private static string Describe(AuthFlow flow) => flow switch
    {
        AuthFlow.RefreshToken => "OAuth refresh token",
        AuthFlow.Password => "password",
        AuthFlow.Jwt => "JWT bearer",
        AuthFlow.ClientCredentials => "client credentials",
        _ => "access token",
    };
}

using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using TargetSalesforce.Configuration;
using TargetSalesforce.Salesforce;
using TargetSalesforce.Salesforce.Auth;

namespace TargetSalesforce.Cli;

/// <summary>
/// Turns the login settings into the <see cref="LoginCredentials"/> the Salesforce client takes, and
/// checks before any input is read what the settings' shape cannot show: that the key file can be read
/// and holds a usable RSA key, that the instance URL may carry a token, that client credentials do not
/// go to a shared login host, and that password login is not asked for past API 64.0.
/// </summary>
public static class LoginSetup
{
    /// <summary>The credentials (null exactly when there are problems), config problems (exit 2) and warnings.</summary>
    public sealed record Result(LoginCredentials? Credentials, IReadOnlyList<ConfigProblem> Problems, IReadOnlyList<string> Warnings);

    /// <param name="workingDirectory">What a relative private_key_file is relative to.</param>
    public static Result Build(TargetSettings settings, string workingDirectory)
    {
        var problems = new List<ConfigProblem>();
        var warnings = new List<string>();
        LoginCredentials? credentials = settings.AuthFlow switch
        {
            AuthFlow.RefreshToken => new RefreshTokenLogin(settings.ClientId!, settings.ClientSecret, settings.RefreshToken!),
            AuthFlow.Password => Password(settings, problems),
            AuthFlow.Jwt => Jwt(settings, workingDirectory, problems, warnings),
            AuthFlow.ClientCredentials => ClientCredentials(settings, problems),
            AuthFlow.AccessToken => GivenToken(settings, problems),
            _ => OlderChoice(settings, problems),
        };
        return new Result(problems.Count == 0 ? credentials : null, problems, warnings);
    }

    /// <summary>Settings built in code (auth_flow auto, never chosen): as before that setting, a complete refresh-token set, else password.</summary>
    private static LoginCredentials? OlderChoice(TargetSettings settings, List<ConfigProblem> problems)
    {
        if (settings.UsesOAuth)
        {
            return new RefreshTokenLogin(settings.ClientId!, settings.ClientSecret, settings.RefreshToken!);
        }

        if (settings.Username is null || settings.Password is null)
        {
            problems.Add(new ConfigProblem("credentials",
                "none complete: set client_id, client_secret and refresh_token, or username and password (and security_token)"));
            return null;
        }

        return new PasswordLogin(settings.Username, settings.Password, settings.SecurityToken);
    }

    private static PasswordLogin? Password(TargetSettings settings, List<ConfigProblem> problems)
    {
        var version = decimal.Parse(ApiVersions.Normalise(settings.ApiVersion), CultureInfo.InvariantCulture);
        if (version > ApiVersions.LastSoapLoginVersion)
        {
            problems.Add(new ConfigProblem("api_version",
                $"{settings.ApiVersion} cannot be used with password login: Salesforce answers SOAP login() only up to API " +
                $"{ApiVersions.LastSoapLoginVersion:0.0} (and retires it in Summer '27). Log in with auth_flow jwt or client_credentials, " +
                "or get a refresh token once with `target-salesforce login`; or set api_version to 64.0"));
            return null;
        }

        return new PasswordLogin(settings.Username!, settings.Password!, settings.SecurityToken);
    }

    [SuppressMessage("Reliability", "CA2000", Justification = "The key signs every assertion of the run: it lives as long as the credentials that hold it, the whole process.")]
    private static JwtBearerLogin? Jwt(TargetSettings settings, string workingDirectory, List<ConfigProblem> problems, List<string> warnings)
    {
        var (key, where) = settings.PrivateKey is { } text
            ? (text, "private_key")
            : (ReadKeyFile(settings.PrivateKeyFile!, workingDirectory, problems, warnings), "private_key_file");
        if (key is null)
        {
            return null;
        }

        try
        {
            return new JwtBearerLogin(settings.ClientId!, settings.Username!, JwtSigningKey.FromPem(key));
        }
        catch (InvalidSigningKeyException e)
        {
            var subject = settings.PrivateKey is null ? $"{settings.PrivateKeyFile} " : "";
            problems.Add(new ConfigProblem(where, subject + e.Message));
            return null;
        }
    }

    private static string? ReadKeyFile(string file, string workingDirectory, List<ConfigProblem> problems, List<string> warnings)
    {
        var path = Path.GetFullPath(file, workingDirectory);
        try
        {
            var text = File.ReadAllText(path);
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & OthersMayRead) != 0)
            {
                warnings.Add($"private_key_file {file} can be read by other users of this machine; make it yours alone: chmod 600 {file}");
            }

            return text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : $"cannot be read ({e.GetType().Name})";
            problems.Add(new ConfigProblem("private_key_file", $"{file}: {reason}"));
            return null;
        }
    }

    private const UnixFileMode OthersMayRead =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    private static ClientCredentialsLogin? ClientCredentials(TargetSettings settings, List<ConfigProblem> problems)
    {
        if (TryResolve(settings.Domain) is { } loginUrl && LoginEndpoint.IsSharedLoginHost(loginUrl))
        {
            problems.Add(new ConfigProblem("domain",
                $"'{settings.Domain}' logs in at {loginUrl.Host}, where Salesforce refuses the client credentials flow " +
                "(it answers invalid_grant: request not supported on this domain); set domain to your org's My Domain, such as acme.my"));
            return null;
        }

        return new ClientCredentialsLogin(settings.ClientId!, settings.ClientSecret!);
    }

    private static GivenAccessTokenLogin? GivenToken(TargetSettings settings, List<ConfigProblem> problems)
    {
        var text = settings.InstanceUrl!.Trim().TrimEnd('/');
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add(new ConfigProblem("instance_url", $"'{settings.InstanceUrl}' is not an http(s) URL such as https://acme.my.salesforce.com"));
            return null;
        }

        try
        {
            LoginEndpoint.EnsureCredentialsMayTravel(url, "instance_url");
        }
        catch (AuthenticationFailedException e)
        {
            problems.Add(new ConfigProblem("instance_url", e.Message));
            return null;
        }

        return new GivenAccessTokenLogin(settings.AccessToken!, url);
    }

    // An unusable domain is reported on its own, before this runs.
    private static Uri? TryResolve(string domain)
    {
        try
        {
            return LoginEndpoint.Resolve(domain);
        }
        catch (AuthenticationFailedException)
        {
            return null;
        }
    }
}

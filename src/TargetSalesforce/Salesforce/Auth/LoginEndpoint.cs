using System.Text.RegularExpressions;

namespace TargetSalesforce.Salesforce.Auth;

/// <summary>Turns the `domain` setting into the login host, and keeps credentials off plain http.</summary>
public static partial class LoginEndpoint
{
    /// <summary>
    /// `login` and `test` (and any single word) → https://{d}.salesforce.com; a My Domain
    /// (`acme.my`, `acme--uat.sandbox.my`) → https://{d}.salesforce.com; another dotted name is a
    /// full host → https://{host}; an http(s) URL is taken as given (how tests reach the emulator).
    /// </summary>
    public static Uri Resolve(string? domain)
    {
        var text = string.IsNullOrWhiteSpace(domain) ? "login" : domain.Trim();
        Uri url;
        if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(text.TrimEnd('/'), UriKind.Absolute, out url!))
            {
                throw new AuthenticationFailedException($"domain '{text}' is not a valid URL.");
            }
        }
        else if (!HostName().IsMatch(text))
        {
            throw new AuthenticationFailedException(
                $"domain '{text}' is not `login`, `test`, a My Domain such as `acme.my`, a host name, or an http(s) URL.");
        }
        else
        {
            var host = !text.Contains('.') || text.EndsWith(".my", StringComparison.OrdinalIgnoreCase)
                ? $"{text}.salesforce.com"
                : text;
            url = new Uri($"https://{host}");
        }

        EnsureCredentialsMayTravel(url, "the login URL (domain)");
        return url;
    }

    /// <summary>
    /// login.salesforce.com or test.salesforce.com: shared by every org, so they cannot say whose
    /// run-as user a client-credentials login means (Salesforce refuses that flow there).
    /// </summary>
    public static bool IsSharedLoginHost(Uri loginUrl) =>
        loginUrl.Host.Equals("login.salesforce.com", StringComparison.OrdinalIgnoreCase)
        || loginUrl.Host.Equals("test.salesforce.com", StringComparison.OrdinalIgnoreCase);

    /// <summary>Credentials and tokens go over https, or over http only to this machine.</summary>
    public static void EnsureCredentialsMayTravel(Uri url, string what)
    {
        if (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && IsLoopback(url)))
        {
            return;
        }

        if (url.Scheme == Uri.UriSchemeHttp)
        {
            throw new AuthenticationFailedException(
                $"Refusing plain http for {what} ({url.Host}): credentials and tokens travel over http only to " +
                "loopback (127.0.0.1, ::1, localhost). Use https.");
        }

        throw new AuthenticationFailedException($"{what} must be an http(s) URL, not '{url.Scheme}:'.");
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || url.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$")]
    private static partial Regex HostName();
}

using System.Net.Sockets;
using System.Security.Authentication;

namespace TargetSalesforce.Salesforce.Http;

/// <summary>
/// Network failures that asking again cannot cure: the host name does not resolve, nothing listens on
/// the port, or TLS cannot be agreed. Retrying them only spends the caller's time (Mage gives a
/// connection test 10 s), so they fail at once, naming the host.
/// </summary>
internal static class Unreachable
{
    private enum Cause
    {
        NoSuchHost,
        TlsFailed,
        Refused,
    }

    /// <summary>True for a failure that another attempt cannot cure.</summary>
    public static bool IsPermanent(Exception exception) => CauseOf(exception) is not null;

    /// <summary>Why <paramref name="url"/>'s host cannot be reached, or null when the failure may pass.</summary>
    public static string? Describe(Exception exception, Uri url)
    {
        var where = url.IsDefaultPort ? url.Host : $"{url.Host}:{url.Port}";
        return CauseOf(exception) switch
        {
            Cause.NoSuchHost => $"the host {url.Host} does not resolve (DNS): check the domain or instance URL",
            Cause.TlsFailed => $"the TLS connection to {where} failed ({Innermost(exception)}): check the URL and the machine's certificates",
            Cause.Refused => $"{where} refused the connection: nothing listens there; check the domain, the port, or that the server is running",
            _ => null,
        };
    }

    private static Cause? CauseOf(Exception exception)
    {
        if (exception is not HttpRequestException http)
        {
            return null;
        }

        if (http.HttpRequestError == HttpRequestError.NameResolutionError || Socket(http) == SocketError.HostNotFound)
        {
            return Cause.NoSuchHost;
        }

        if (http.HttpRequestError == HttpRequestError.SecureConnectionError || http.InnerException is AuthenticationException)
        {
            return Cause.TlsFailed;
        }

        return Socket(http) == SocketError.ConnectionRefused ? Cause.Refused : null;
    }

    private static SocketError? Socket(HttpRequestException http) => http.InnerException is SocketException socket ? socket.SocketErrorCode : null;

    private static string Innermost(Exception exception)
    {
        while (exception.InnerException is { } inner)
        {
            exception = inner;
        }

        return exception.Message;
    }
}

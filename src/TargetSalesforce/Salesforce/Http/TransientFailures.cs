using System.Net;
using System.Net.Sockets;
using Polly;
using Polly.Timeout;

namespace TargetSalesforce.Salesforce.Http;

/// <summary>Which failed attempts are worth another, per <see cref="ReplayRule"/>.</summary>
internal static class TransientFailures
{
    public static bool ShouldRetry(ReplayRule rule, Outcome<ApiResponse> outcome)
    {
        if (outcome.Exception is { } exception)
        {
            if (Unreachable.IsPermanent(exception))
            {
                return false;
            }

            return rule == ReplayRule.UploadOnce ? SurelyNotSent(exception) : IsNetworkFailure(exception);
        }

        var response = outcome.Result!;
        return rule == ReplayRule.UploadOnce ? IsRefusal(response) : IsServerSideTransient(response);
    }

    /// <summary>A failure with no answer: the connection, the stream, or the attempt's timeout.</summary>
    public static bool IsNetworkFailure(Exception exception) =>
        exception is HttpRequestException or IOException or TimeoutRejectedException;

    /// <summary>The connection was never made, so the server cannot have seen the request.</summary>
    public static bool SurelyNotSent(Exception exception) => exception switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } => true,
        HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } => true,
        _ => false,
    };

    private static bool IsServerSideTransient(ApiResponse response) =>
        ((int)response.Status >= 500 && !IsSoapApiFault(response)) || IsRefusal(response);

    /// <summary>
    /// SOAP answers every fault with HTTP 500; one with Salesforce's own `sf:` fault code (INVALID_LOGIN,
    /// UNSUPPORTED_API_VERSION…) is a definite answer, not an outage, and asking again cannot change it.
    /// </summary>
    private static bool IsSoapApiFault(ApiResponse response) =>
        response.MediaType?.Contains("xml", StringComparison.OrdinalIgnoreCase) == true &&
        response.BodyText.Contains("faultcode", StringComparison.Ordinal) &&
        response.BodyText.Contains(">sf:", StringComparison.Ordinal);

    /// <summary>429 or the concurrent form of REQUEST_LIMIT_EXCEEDED: busy now, fine later.</summary>
    private static bool IsRefusal(ApiResponse response)
    {
        if (response.Status == HttpStatusCode.TooManyRequests)
        {
            return true;
        }

        return response.Status == HttpStatusCode.Forbidden && ApiError.From(response).IsConcurrentRequestLimit(response);
    }
}

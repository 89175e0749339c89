using System.Net;
using Microsoft.Extensions.Logging;
using TargetSalesforce.Salesforce.Auth;
using TargetSalesforce.Salesforce.Http;

namespace TargetSalesforce.Salesforce.Api;

/// <summary>
/// Authenticated calls to the org: paths under the session's instance URL and API version,
/// a replay after one shared session refresh, and errors turned into exceptions. Each answer is shown to
/// <c>answered</c> (the org's allowance reads its usage header there).
/// </summary>
internal sealed class SalesforceApi(ResilientTransport transport, SessionProvider sessions, string apiVersion, ILogger logger, Action<ApiResponse>? answered = null)
{
    /// <summary>Replays after a refresh: one is the rule; a second covers a refresh racing another expiry.</summary>
    private const int MaxSessionReplays = 2;

    public string ApiVersion { get; } = apiVersion;

    /// <summary>`/services/data/v64.0` + <paramref name="path"/>.</summary>
    public string DataPath(string path) => $"/services/data/v{ApiVersion}/{path.TrimStart('/')}";

    /// <summary>Sends and returns a successful answer, or throws <see cref="SalesforceApiException"/>.</summary>
    public async Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var response = await SendAllowingFailureAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            if (request.Replay == ReplayRule.UploadOnce && (int)response.Status >= 500)
            {
                throw new UploadOutcomeUnknownException($"{request.Description}: HTTP {(int)response.Status}; the upload may or may not have arrived.");
            }

            throw ApiError.ToException(request, response);
        }

        return response;
    }

    /// <summary>Sends and returns whatever Salesforce answered (after retries and session replays).</summary>
    public async Task<ApiResponse> SendAllowingFailureAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var session = await sessions.GetAsync(cancellationToken).ConfigureAwait(false);
        for (var replay = 0; ; replay++)
        {
            var url = Urls.Combine(session.InstanceUrl, request.Path);
            var response = await transport.SendAsync(request, url, session.AccessToken, cancellationToken).ConfigureAwait(false);
            answered?.Invoke(response); // every answer counts against the org's daily requests, and may say how many are used
            if (!IsExpiredSession(response) || replay == MaxSessionReplays)
            {
                return response;
            }

            if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.LogDebug("{Request}: session rejected; replaying after a refresh", request.Description);
            }
            session = await sessions.RefreshAsync(session, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsExpiredSession(ApiResponse response) =>
        response.Status == HttpStatusCode.Unauthorized &&
        response.BodyText.Contains("INVALID_SESSION_ID", StringComparison.Ordinal);
}

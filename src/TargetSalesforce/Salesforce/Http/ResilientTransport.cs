using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Polly;

namespace TargetSalesforce.Salesforce.Http;

/// <summary>
/// Sends one request with retries (exponential backoff with jitter) and a per-attempt timeout,
/// by the request's <see cref="ReplayRule"/>. Knows nothing of sessions: the caller gives the URL and token.
/// </summary>
internal sealed class ResilientTransport : IDisposable
{
    /// <summary>Salesforce's report of the org's API usage on REST answers.</summary>
    private const string LimitInfoHeader = "Sforce-Limit-Info";

    private readonly HttpClient http;
    private readonly ILogger logger;
    private readonly Dictionary<ReplayRule, ResiliencePipeline<ApiResponse>> pipelines;

    public ResilientTransport(HttpMessageHandler handler, SalesforceClientOptions options, TimeProvider time, ILogger logger)
    {
        // Polly owns the timeout, per attempt; HttpClient's own would cut retries short.
        http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", options.UserAgent);
        this.logger = logger;
        pipelines = Enum.GetValues<ReplayRule>().ToDictionary(rule => rule, rule => BuildPipeline(rule, options, time));
    }

    public async Task<ApiResponse> SendAsync(ApiRequest request, Uri url, string? bearerToken, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            var outcome = await pipelines[request.Replay].ExecuteOutcomeAsync(
                static async (ctx, state) =>
                {
                    try
                    {
                        return Outcome.FromResult(await state.Transport.SendOnceAsync(state.Request, state.Url, state.Token, ctx.CancellationToken).ConfigureAwait(false));
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !state.Caller.IsCancellationRequested)
                    {
                        return Outcome.FromException<ApiResponse>(ex);
                    }
                },
                context,
                new Attempt(this, request, url, bearerToken, cancellationToken)).ConfigureAwait(false);

            if (outcome.Exception is { } exception)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (Unreachable.Describe(exception, url) is { } unreachable)
                {
                    // Never connected, so an upload surely did not arrive either.
                    throw new SalesforceApiException($"{request.Description}: {unreachable}", inner: exception);
                }

                if (request.Replay == ReplayRule.UploadOnce)
                {
                    throw new UploadOutcomeUnknownException($"{request.Description}: no answer ({exception.Message}); the upload may or may not have arrived.", exception);
                }

                throw new SalesforceApiException($"{request.Description} failed without an answer: {exception.Message}", inner: exception);
            }

            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<ApiResponse> SendOnceAsync(ApiRequest request, Uri url, string? bearerToken, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, url);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(request.Accept));
        message.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        if (bearerToken is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        foreach (var (name, value) in request.Headers ?? new Dictionary<string, string>())
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        message.Content = request.Content?.Invoke();
        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new ApiResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body)
        {
            SforceHeaders = SforceHeaders(response),
            LimitInfo = response.Headers.TryGetValues(LimitInfoHeader, out var values) ? string.Join(",", values) : null,
        };
    }

    private static Dictionary<string, string> SforceHeaders(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers)
        {
            if (name.StartsWith("Sforce-", StringComparison.OrdinalIgnoreCase))
            {
                headers[name] = string.Join(",", values);
            }
        }

        return headers;
    }

    private ResiliencePipeline<ApiResponse> BuildPipeline(ReplayRule rule, SalesforceClientOptions options, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder<ApiResponse> { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            var retry = RetryBackoff.Strategy<ApiResponse>(options);
            retry.ShouldHandle = args => ValueTask.FromResult(TransientFailures.ShouldRetry(rule, args.Outcome));
            retry.OnRetry = args =>
            {
                var why = args.Outcome.Exception?.Message ?? $"HTTP {(int)args.Outcome.Result!.Status}";
                logger.LogWarning("Salesforce call failed ({Reason}); retry {Attempt} of {Max} in {Delay:0.0} s",
                    why, args.AttemptNumber + 1, options.MaxRetries, args.RetryDelay.TotalSeconds);
                return ValueTask.CompletedTask;
            };
            builder.AddRetry(retry);
        }

        builder.AddTimeout(options.RequestTimeout);
        return builder.Build();
    }

    public void Dispose() => http.Dispose();

    /// <summary>
    /// What each attempt needs. A class, not a tuple: Polly's strategies are generic over it, and their code for a
    /// reference type is shared and precompiled, where a tuple's is compiled at the first request.
    /// </summary>
    private sealed record Attempt(ResilientTransport Transport, ApiRequest Request, Uri Url, string? Token, CancellationToken Caller);
}

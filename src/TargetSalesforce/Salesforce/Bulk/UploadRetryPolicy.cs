using Microsoft.Extensions.Logging;
using Polly;
using TargetSalesforce.Salesforce.Http;

namespace TargetSalesforce.Salesforce.Bulk;

/// <summary>
/// Retries an upload as every request is retried (<see cref="RetryBackoff"/>: the same count, the same
/// growing waits with jitter, on the injected clock), with one difference: a job never receives a second
/// upload. An attempt whose outcome is unknown (a 5xx, a dropped connection, a timeout) has aborted its
/// job, so each retry creates a new job for the same rows.
/// </summary>
internal sealed class UploadRetryPolicy
{
    private readonly ResiliencePipeline<JobInfo> pipeline;
    private readonly int maxRetries;

    public UploadRetryPolicy(SalesforceClientOptions options, TimeProvider time, ILogger logger)
    {
        maxRetries = Math.Max(0, options.MaxRetries);
        var builder = new ResiliencePipelineBuilder<JobInfo> { TimeProvider = time };
        if (maxRetries > 0)
        {
            var retry = RetryBackoff.Strategy<JobInfo>(options);
            retry.ShouldHandle = new PredicateBuilder<JobInfo>().Handle<UploadOutcomeUnknownException>();
            retry.OnRetry = args =>
            {
                logger.LogWarning("{Reason} That job was aborted; the same rows go to a new job in {Delay:0.0} s (retry {Attempt} of {Max})",
                    args.Outcome.Exception!.Message, args.RetryDelay.TotalSeconds, args.AttemptNumber + 1, maxRetries);
                return ValueTask.CompletedTask;
            };
            builder.AddRetry(retry);
        }

        pipeline = builder.Build();
    }

    /// <summary>
    /// Runs <paramref name="createAndUpload"/> (create a job, upload once, abort the job if the upload's
    /// outcome is unknown) until an upload is known to have arrived, or the retries are spent.
    /// </summary>
    /// <param name="createAndUpload">One attempt; throws <see cref="UploadOutcomeUnknownException"/> after aborting its job.</param>
    /// <param name="what">Names the rows in the error when every attempt failed, e.g. "120 rows to Contact".</param>
    public async Task<JobInfo> RunAsync(Func<CancellationToken, Task<JobInfo>> createAndUpload, string what, CancellationToken cancellationToken)
    {
        // The attempt itself is Polly's state (a class, not a tuple), so Polly's precompiled code runs rather than
        // code the JIT must compile for a tuple-shaped state at start.
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            var outcome = await pipeline.ExecuteOutcomeAsync(
                static async (ctx, attempt) =>
                {
                    try
                    {
                        return Outcome.FromResult(await attempt(ctx.CancellationToken).ConfigureAwait(false));
                    }
                    catch (UploadOutcomeUnknownException unknown)
                    {
                        return Outcome.FromException<JobInfo>(unknown);
                    }
                },
                context,
                createAndUpload).ConfigureAwait(false);

            if (outcome.Exception is UploadOutcomeUnknownException unknown)
            {
                throw new SalesforceApiException(
                    $"Uploading {what} failed in {maxRetries + 1} fresh jobs, the last {maxRetries} after growing waits; the last: {unknown.Message}",
                    inner: unknown);
            }

            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}

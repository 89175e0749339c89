using Polly;
using Polly.Retry;

namespace TargetSalesforce.Salesforce.Http;

/// <summary>
/// The client's one retry schedule: <see cref="SalesforceClientOptions.MaxRetries"/> retries, waits growing
/// exponentially from <see cref="SalesforceClientOptions.RetryBaseDelay"/> with jitter, each capped at
/// <see cref="SalesforceClientOptions.RetryMaxDelay"/>. Requests and uploads to a fresh job both follow it,
/// so a burst that one route rides out is ridden out on every route.
/// </summary>
internal static class RetryBackoff
{
    /// <summary>The schedule, for the caller to add what is retried and what is logged.</summary>
    public static RetryStrategyOptions<T> Strategy<T>(SalesforceClientOptions options)
    {
        var strategy = new RetryStrategyOptions<T>
        {
            MaxRetryAttempts = options.MaxRetries,
            Delay = options.RetryBaseDelay,
            MaxDelay = options.RetryMaxDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        };
        if (options.RetryRandomizer is { } random)
        {
            strategy.Randomizer = random;
        }

        return strategy;
    }
}

using Microsoft.Extensions.Logging;

namespace TargetSalesforce.Loading;

/// <summary>
/// The one place a run decides to stop: the first reason wins and is logged once; reading stops;
/// jobs already in flight finish and their results count.
/// </summary>
internal sealed class RunHalt(ILogger logger) : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private string? reason;

    public bool IsHalted => Volatile.Read(ref reason) is not null;

    public string? Reason => Volatile.Read(ref reason);

    /// <summary>Cancelled when the run halts: stops the reader.</summary>
    public CancellationToken Token => stop.Token;

    public void Halt(string why)
    {
        if (Interlocked.CompareExchange(ref reason, why, null) is not null)
        {
            return;
        }

        logger.LogCritical("Halting: {Reason}", why);
        stop.Cancel();
    }

    public void Dispose() => stop.Dispose();
}

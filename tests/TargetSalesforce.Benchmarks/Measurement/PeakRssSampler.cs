using System.Globalization;

namespace TargetSalesforce.Benchmarks.Measurement;

/// <summary>
/// Polls a live process's VmHWM (the kernel's own high-water mark of its resident set) from
/// /proc/&lt;pid&gt;/status. The mark only rises, so the last reading before exit is the peak up to
/// then; <see cref="ChildResourceUsage"/> covers the last moments after the final poll.
/// </summary>
public sealed class PeakRssSampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    private readonly string statusPath;
    private readonly CancellationTokenSource stop = new();
    private readonly Task polling;
    private long peakBytes;

    public PeakRssSampler(int processId)
    {
        statusPath = $"/proc/{processId}/status";
        polling = Task.Run(PollAsync);
    }

    /// <summary>The highest VmHWM seen so far, in bytes; 0 when /proc could not be read.</summary>
    public long PeakBytes => Interlocked.Read(ref peakBytes);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        await polling.ConfigureAwait(false);
        stop.Dispose();
    }

    private async Task PollAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            var bytes = ReadHighWaterMark();
            if (bytes is null)
            {
                return; // the process is gone (or this is not Linux)
            }

            if (bytes > peakBytes)
            {
                Interlocked.Exchange(ref peakBytes, bytes.Value);
            }
        }
        while (await WaitAsync(timer).ConfigureAwait(false));
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private long? ReadHighWaterMark()
    {
        try
        {
            foreach (var line in File.ReadLines(statusPath))
            {
                // "VmHWM:     123456 kB"
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kilobytes = line["VmHWM:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
                }
            }

            return null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

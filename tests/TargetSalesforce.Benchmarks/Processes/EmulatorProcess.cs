using System.Diagnostics;
using System.Globalization;

namespace TargetSalesforce.Benchmarks.Processes;

/// <summary>
/// The Salesforce emulator run as its own process, as a user would run it: started with the
/// benchmark's rate and concurrency, its base URL read from the first stdout line, stopped with
/// SIGTERM. Its output goes to a log file, so a full pipe never stalls it.
/// </summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    /// <summary>Long enough for a cold JIT start on a busy 2-core machine.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process process;
    private readonly LogFile log;

    // Stopwatch timestamps of the request lines the emulator logged (--log-requests), as they came.
    private readonly System.Collections.Concurrent.ConcurrentQueue<long> requestTimes = new();

    private EmulatorProcess(Process process, LogFile log, Uri baseUrl, System.Collections.Concurrent.ConcurrentQueue<long> requestTimes)
    {
        this.requestTimes = requestTimes;
        this.process = process;
        this.log = log;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>Seconds from <paramref name="since"/> (a Stopwatch timestamp) to the first request logged after it; null when none was.</summary>
    public double? FirstRequestAfter(long since)
    {
        foreach (var time in requestTimes)
        {
            if (time >= since)
            {
                return Stopwatch.GetElapsedTime(since, time).TotalSeconds;
            }
        }

        return null;
    }

    public static async Task<EmulatorProcess> StartAsync(string dll, BenchmarkOptions options, string logPath, IEnumerable<string>? extraArguments = null)
    {
        var arguments = new List<string>
        {
            "--port", "0", "--workers", Invariant(options.Workers), "--queue-latency-ms", Invariant(options.QueueLatencyMs),
            "--seed", Invariant(options.Seed), "--log-requests",
        };
        arguments.AddRange(extraArguments ?? []);
        if (options.ProcessingRate > 0)
        {
            // Left out when unlimited: the emulator's default is as fast as it can.
            arguments.AddRange(["--processing-rate", Invariant(options.ProcessingRate)]);
        }

        var process = Process.Start(DotnetHost.StartInfo(dll, arguments, redirectInput: false))
            ?? throw new BenchmarkFailedException($"emulator: could not start dotnet {dll}.");
        var log = new LogFile(logPath);
        var requestTimes = new System.Collections.Concurrent.ConcurrentQueue<long>();
        _ = log.CopyAsync(process.StandardError, "stderr", line =>
        {
            // A request line is "HH:mm:ss.fff METHOD /path -> STATUS (N ms; …)", written when the answer is: the request
            // came N ms before the line did.
            var arrow = line.IndexOf(" -> ", StringComparison.Ordinal);
            var open = line.IndexOf(" (", Math.Max(arrow, 0), StringComparison.Ordinal);
            var ms = open < 0 ? -1 : line.IndexOf(" ms;", open, StringComparison.Ordinal);
            if (arrow > 0 && ms > open && double.TryParse(line.AsSpan(open + 2, ms - open - 2), NumberStyles.Float, CultureInfo.InvariantCulture, out var took))
            {
                requestTimes.Enqueue(Stopwatch.GetTimestamp() - (long)(took / 1000 * Stopwatch.Frequency));
            }
        });
        var firstLine = await ReadFirstLineAsync(process).ConfigureAwait(false);
        if (firstLine is not null)
        {
            // Only after a completed read: a timed-out read may still own the stream.
            _ = log.CopyAsync(process.StandardOutput, "stdout");
        }

        if (!Uri.TryCreate(firstLine?.Trim(), UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
        {
            var why = firstLine is not null ? $"its first line is not a base URL: '{firstLine}'"
                : process.HasExited ? $"it exited with code {process.ExitCode} before printing its base URL"
                : $"it printed no base URL within {StartTimeout.TotalSeconds:F0} s";
            await StopAsync(process).ConfigureAwait(false);
            await log.DisposeAsync().ConfigureAwait(false);
            throw new BenchmarkFailedException($"emulator did not start: {why}. Its log ({logPath}) ends with:\n{LogFile.Tail(logPath, 20)}");
        }

        return new EmulatorProcess(process, log, baseUrl, requestTimes);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(process).ConfigureAwait(false);
        await log.DisposeAsync().ConfigureAwait(false);
        process.Dispose();
    }

    private static async Task<string?> ReadFirstLineAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            return await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static async Task StopAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        if (Signals.TryTerminate(process.Id))
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException)
            {
                // Did not stop in time: fall through to SIGKILL.
            }
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync().ConfigureAwait(false);
    }

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}

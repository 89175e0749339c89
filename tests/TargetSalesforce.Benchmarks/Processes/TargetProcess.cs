using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using TargetSalesforce.Benchmarks.Measurement;

namespace TargetSalesforce.Benchmarks.Processes;

/// <summary>What one run of the target did and cost.</summary>
public sealed record TargetRun(
    int ExitCode,
    bool TimedOut,
    TimeSpan Wall,
    TimeSpan? CpuTime,
    long PeakRssBytes,
    long StdoutLines,
    string? LastStdoutLine,
    long BytesFed,
    string? InputError)
{
    /// <summary>When the process was started (a Stopwatch timestamp), to time its start-up against the emulator's log.</summary>
    public long StartedAt { get; init; }
}

/// <summary>
/// Runs the built target as a user would: `dotnet target-salesforce.dll --config FILE` with the
/// stream piped into stdin (as from a tap), state lines read from stdout, logs to a file. Wall time
/// runs from start to exit; CPU and peak RSS come from the kernel (see <see cref="ChildResourceUsage"/>).
/// </summary>
public static class TargetProcess
{
    private const int CopyBufferBytes = 1 << 20;

    [SuppressMessage("Reliability", "CA2000", Justification = "The sampler stops the moment the target exits and the log closes once the output is read: each is disposed at that point, not at the end.")]
    public static async Task<TargetRun> RunAsync(string dll, string configPath, string inputPath, string stdoutPath, string stderrPath, TimeSpan timeout)
    {
        var usageBefore = ChildResourceUsage.TryRead();
        var clock = Stopwatch.StartNew();
        var startedAt = Stopwatch.GetTimestamp();
        using var process = Process.Start(DotnetHost.StartInfo(dll, ["--config", configPath], redirectInput: true))
            ?? throw new BenchmarkFailedException($"target: could not start dotnet {dll}.");

        var sampler = new PeakRssSampler(process.Id);
        var stderr = new LogFile(stderrPath);
        _ = stderr.CopyAsync(process.StandardError, label: "");
        var stdout = ReadStdoutAsync(process.StandardOutput, stdoutPath);
        var feed = FeedAsync(inputPath, process.StandardInput);

        var timedOut = false;
        using (var deadline = new CancellationTokenSource(timeout))
        {
            try
            {
                await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        var wall = clock.Elapsed;
        await sampler.DisposeAsync().ConfigureAwait(false);
        var usageAfter = ChildResourceUsage.TryRead();
        var (bytesFed, inputError) = await feed.ConfigureAwait(false);
        var (lines, lastLine) = await stdout.ConfigureAwait(false);
        await stderr.DisposeAsync().ConfigureAwait(false);

        // ru_maxrss of children is the largest child so far: it speaks for this target only if it rose.
        var kernelPeak = usageAfter is { } after && usageBefore is { } before && after.PeakRssBytes > before.PeakRssBytes ? after.PeakRssBytes : 0;
        return new TargetRun(
            process.ExitCode,
            timedOut,
            wall,
            usageAfter is { } a && usageBefore is { } b ? a.CpuTime - b.CpuTime : null,
            Math.Max(sampler.PeakBytes, kernelPeak),
            lines,
            lastLine,
            bytesFed,
            inputError)
        {
            StartedAt = startedAt,
        };
    }

    /// <summary>Streams the file into stdin and closes it (end of input). A target that exits early breaks the pipe: noted, not thrown.</summary>
    private static async Task<(long Bytes, string? Error)> FeedAsync(string inputPath, StreamWriter stdin)
    {
        long bytes = 0;
        try
        {
            await using var input = new FileStream(inputPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan | FileOptions.Asynchronous);
            var buffer = new byte[CopyBufferBytes];
            int read;
            while ((read = await input.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                await stdin.BaseStream.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
                bytes += read;
            }

            stdin.Close();
            return (bytes, null);
        }
        catch (IOException e)
        {
            return (bytes, $"it stopped reading its input after {bytes:N0} bytes ({e.Message})");
        }
    }

    /// <summary>Counts stdout lines (state values in Singer mode), keeps the last, and copies them all to a file.</summary>
    private static async Task<(long Lines, string? Last)> ReadStdoutAsync(StreamReader stdout, string copyPath)
    {
        long lines = 0;
        string? last = null;
        await using var copy = new StreamWriter(copyPath);
        while (await stdout.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            await copy.WriteLineAsync(line).ConfigureAwait(false);
            if (line.Length > 0)
            {
                lines++;
                last = line;
            }
        }

        return (lines, last);
    }
}

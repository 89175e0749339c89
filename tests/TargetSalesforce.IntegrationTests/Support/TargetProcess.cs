using System.Diagnostics;
using System.Text;

namespace TargetSalesforce.IntegrationTests.Support;

/// <summary>The built target run as a user runs it: a process with a Singer stream on stdin.</summary>
internal static class TargetProcess
{
    /// <summary>Longest a test run may take before it is killed and the test fails (a hang, not a timing assertion).</summary>
    private static readonly TimeSpan HangLimit = TimeSpan.FromMinutes(2);

    public static async Task<TargetResult> RunAsync(
        IEnumerable<string> arguments,
        string? stdin = null,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null,
        Func<string, Task>? onStdoutLine = null)
    {
        var start = StartInfo(arguments, environment, workingDirectory);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the target");
        var stdout = onStdoutLine is null ? process.StandardOutput.ReadToEndAsync() : WatchAsync(process.StandardOutput, onStdoutLine);
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The target stopped reading early (a bad config, a bad line): what it says about it is the result.
        }

        using var hang = new CancellationTokenSource(HangLimit);
        try
        {
            await process.WaitForExitAsync(hang.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"target-salesforce did not finish within {HangLimit}; stderr so far:\n{await stderr}");
        }

        return new TargetResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>How the built target is started: `dotnet target-salesforce.dll`, all streams redirected, no TARGET_SALESFORCE_* from the shell.</summary>
    public static ProcessStartInfo StartInfo(
        IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        start.ArgumentList.Add(RepoPaths.TargetDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A clean environment for settings: nothing from the developer's shell leaks into a run.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("TARGET_SALESFORCE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return start;
    }

    /// <summary>Hands each stdout line to the test as it arrives (to look into the org at that moment).</summary>
    private static async Task<string> WatchAsync(StreamReader stdout, Func<string, Task> onLine)
    {
        var all = new StringBuilder();
        while (await stdout.ReadLineAsync() is { } line)
        {
            all.Append(line).Append('\n');
            await onLine(line);
        }

        return all.ToString();
    }
}

/// <summary>What one run of the target left behind.</summary>
internal sealed record TargetResult(int ExitCode, string Stdout, string Stderr)
{
    public IReadOnlyList<string> StdoutLines =>
        Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

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
        Func<string, Task>? onStdoutLine = null,
        TargetLaunch? launch = null)
    {
        launch ??= TargetLaunch.Default;
        var command = launch.Command ?? RepoPaths.TargetCommand;
        var start = StartInfo(arguments, environment, workingDirectory, command);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the target");
        var stdout = onStdoutLine is null ? process.StandardOutput.ReadToEndAsync() : WatchAsync(process.StandardOutput, onStdoutLine);
        var stderrSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderr = WatchAsync(process.StandardError, line =>
        {
            if (launch.HoldStdinUntilStderr?.Invoke(line) == true)
            {
                stderrSeen.TrySetResult();
            }

            return Task.CompletedTask;
        });
        try
        {
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin);
                await process.StandardInput.FlushAsync();
            }
        }
        catch (IOException)
        {
            // The target stopped reading early (a bad config, a bad line): what it says about it is the result.
        }

        var hangLimit = launch.HangLimit ?? HangLimit;
        using var hang = new CancellationTokenSource(hangLimit);
        try
        {
            if (launch.HoldStdinUntilStderr is not null)
            {
                // The tap stays open (a long run) until the line the test waits for has appeared.
                await Task.WhenAny(stderrSeen.Task, process.WaitForExitAsync(hang.Token));
            }

            CloseQuietly(process.StandardInput);
            await process.WaitForExitAsync(hang.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{string.Join(' ', command)} did not finish within {hangLimit}; stderr so far:\n{await stderr}");
        }

        return new TargetResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>How the target is started (<see cref="RepoPaths.TargetCommand"/> unless <paramref name="command"/> says otherwise): all streams redirected, no TARGET_SALESFORCE_* from the shell.</summary>
    public static ProcessStartInfo StartInfo(
        IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null, IReadOnlyList<string>? command = null)
    {
        command ??= RepoPaths.TargetCommand;
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var part in command.Skip(1))
        {
            start.ArgumentList.Add(part);
        }

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

    private static void CloseQuietly(StreamWriter stdin)
    {
        try
        {
            stdin.Close();
        }
        catch (IOException)
        {
            // The target already closed its end.
        }
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

/// <summary>How a run is started and watched, beyond its arguments and input.</summary>
internal sealed record TargetLaunch
{
    public static TargetLaunch Default { get; } = new();

    /// <summary>The program and its leading arguments (a wrapper such as Mage's Python shim); null runs the built target with dotnet.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Kill the process after this long, as a host would (Mage's test_connection waits 10 s); null is the generous hang limit.</summary>
    public TimeSpan? HangLimit { get; init; }

    /// <summary>Keeps stdin open after the input until a stderr line matches, so the run lasts until then.</summary>
    public Func<string, bool>? HoldStdinUntilStderr { get; init; }
}

/// <summary>What one run of the target left behind.</summary>
internal sealed record TargetResult(int ExitCode, string Stdout, string Stderr)
{
    public IReadOnlyList<string> StdoutLines =>
        Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

using System.Diagnostics;

namespace TargetSalesforce.Benchmarks.Processes;

/// <summary>What a helper program (a publish, a jsforce script) printed and how it exited.</summary>
public sealed record ChildProcessResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs a helper program to its end, reading its output and errors side by side so neither pipe fills and stalls it.</summary>
public static class ChildProcess
{
    public static async Task<ChildProcessResult> RunAsync(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info) ?? throw new BenchmarkFailedException($"could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        return new ChildProcessResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }
}

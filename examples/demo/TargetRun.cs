using System.Diagnostics;

namespace TargetSalesforce.Demo;

/// <summary>One run of the target as a process: stdin from a file, state lines from stdout, logs passed through.</summary>
internal sealed record TargetRun(int ExitCode, IReadOnlyList<string> StateLines)
{
    public static async Task<TargetRun> RunAsync(string targetDll, IReadOnlyList<string> arguments, string inputPath)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(targetDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the target.");
        var states = new List<string>();
        var stdout = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                states.Add(line);
            }
        });
        var stderr = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                Console.WriteLine($"  | {line}");
            }
        });

        await using (var input = File.OpenRead(inputPath))
        {
            await input.CopyToAsync(process.StandardInput.BaseStream);
        }

        process.StandardInput.Close();
        await Task.WhenAll(stdout, stderr, process.WaitForExitAsync());
        return new TargetRun(process.ExitCode, states);
    }
}

using System.Diagnostics;
using System.Runtime.InteropServices;

namespace TargetSalesforce.Benchmarks.Processes;

/// <summary>
/// Builds the target as users install it, so the figures are those of what they run: the README's "From source"
/// single-file publish (the same build the wheels, the release files and the container carry), self-contained and
/// precompiled with the runtime. It goes to the cache folder with its own intermediate files, so the tree's builds are
/// left alone; a publish with nothing changed takes seconds.
/// </summary>
public static class InstalledTarget
{
    public static async Task<string> PublishAsync(string cacheDirectory, TextWriter progress)
    {
        var root = BuiltArtifacts.FindRepoRoot()
            ?? throw new BenchmarkFailedException("cannot find the repo root (a folder with TargetSalesforce.sln) to publish the target from; pass --target-dll or --plain-build.");
        var rid = RuntimeInformation.RuntimeIdentifier;
        var folder = Path.Combine(cacheDirectory, "installed-target");
        var output = Path.Combine(folder, rid);
        var info = new ProcessStartInfo(DotnetHost.Muxer)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])[
            "publish", Path.Combine(root, "src", "TargetSalesforce"), "-c", "Release", "-r", rid, "--self-contained",
            "-p:PublishSingleFile=true", "--artifacts-path", Path.Combine(folder, "artifacts"), "-o", output, "-nologo", "-v:quiet"])
        {
            info.ArgumentList.Add(argument);
        }

        await progress.WriteLineAsync($"target: publishing it as installs do (single file, {rid}) into {output} …").ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new BenchmarkFailedException("could not start dotnet publish.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new BenchmarkFailedException($"dotnet publish of the target exited with {process.ExitCode}:\n{await stdout.ConfigureAwait(false)}{await stderr.ConfigureAwait(false)}");
        }

        var executable = Path.Combine(output, OperatingSystem.IsWindows() ? "target-salesforce.exe" : "target-salesforce");
        if (!File.Exists(executable))
        {
            throw new BenchmarkFailedException($"dotnet publish left no {executable}.");
        }

        await progress.WriteLineAsync($"target: published in {clock.Elapsed.TotalSeconds:F1} s").ConfigureAwait(false);
        return executable;
    }
}

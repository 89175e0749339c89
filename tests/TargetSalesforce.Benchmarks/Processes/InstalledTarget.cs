using System.Diagnostics;
using System.Runtime.InteropServices;

namespace TargetSalesforce.Benchmarks.Processes;

/// <summary>
/// Builds the target as users install it, so the figures are those of what they run: the README's "From source"
/// single-file publish, self-contained: native code (Native AOT) on a Linux machine with gcc or clang, else the
/// portable build precompiled with the runtime (the one the wheels, the release files and the container carry). It goes to the cache folder with its own intermediate files, so the tree's builds are
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
        string[] arguments = [
            "publish", Path.Combine(root, "src", "TargetSalesforce"), "-c", "Release", "-r", rid, "--self-contained",
            "-p:PublishSingleFile=true", "--artifacts-path", Path.Combine(folder, "artifacts"), "-o", output, "-nologo", "-v:quiet"];

        await progress.WriteLineAsync($"target: publishing it as installs do (single file, {rid}) into {output} …").ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var publish = await ChildProcess.RunAsync(DotnetHost.Muxer, arguments).ConfigureAwait(false);
        if (publish.ExitCode != 0)
        {
            throw new BenchmarkFailedException($"dotnet publish of the target exited with {publish.ExitCode}:\n{publish.Stdout}{publish.Stderr}");
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

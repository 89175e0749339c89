namespace TargetSalesforce.Benchmarks.Processes;

/// <summary>
/// Where the built target and emulator are: under the repo root (the folder with TargetSalesforce.sln),
/// in the same build configuration as the benchmark itself, which its ProjectReferences built first. The target may
/// also be an executable (a single-file publish, see <see cref="InstalledTarget"/>), which runs without `dotnet`.
/// </summary>
public sealed record BuiltArtifacts(string TargetDll, string EmulatorDll, string Configuration)
{
    /// <summary>The repository's root (where TargetSalesforce.sln is), or null when the benchmark runs outside it.</summary>
    public string? RepoRoot { get; init; }

    private const string Framework = "net10.0";

    public static BuiltArtifacts Locate(string? targetDll, string? emulatorDll)
    {
        // The benchmark runs from <root>/tests/TargetSalesforce.Benchmarks/bin/<Configuration>/net10.0/.
        var ownFolder = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = ownFolder.Parent?.Name ?? "Release";
        var root = FindRepoRoot();

        string Resolve(string? given, string project, string dll, string flag)
        {
            if (given is not null)
            {
                return File.Exists(given) ? Path.GetFullPath(given) : throw new BenchmarkFailedException($"{flag}: no file at {given}.");
            }

            if (root is null)
            {
                throw new BenchmarkFailedException($"cannot find the repo root (a folder with TargetSalesforce.sln) above {ownFolder.FullName}; pass {flag}.");
            }

            var path = Path.Combine(root, "src", project, "bin", configuration, Framework, dll);
            return File.Exists(path)
                ? path
                : throw new BenchmarkFailedException($"{path} is missing: build it with `dotnet build -c {configuration} src/{project}`, or pass {flag}.");
        }

        return new BuiltArtifacts(
            Resolve(targetDll, "TargetSalesforce", "target-salesforce.dll", "--target-dll"),
            Resolve(emulatorDll, "SalesforceEmulator", "SalesforceEmulator.dll", "--emulator-dll"),
            configuration)
        {
            RepoRoot = root,
        };
    }

    /// <summary>The repository's root above the benchmark's build or the current folder, or null.</summary>
    public static string? FindRepoRoot() =>
        FindRepoRoot(new DirectoryInfo(AppContext.BaseDirectory)) ?? FindRepoRoot(new DirectoryInfo(Environment.CurrentDirectory));

    private static string? FindRepoRoot(DirectoryInfo? folder)
    {
        for (; folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "TargetSalesforce.sln")))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}

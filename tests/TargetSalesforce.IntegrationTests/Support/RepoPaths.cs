namespace TargetSalesforce.IntegrationTests.Support;

/// <summary>Where the repository, the shared conformance streams and the built target are.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>`shared/` beside the clone, or TARGET_SALESFORCE_SHARED.</summary>
    public static string Shared =>
        Environment.GetEnvironmentVariable("TARGET_SALESFORCE_SHARED") is { Length: > 0 } configured
            ? configured
            : Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string Examples => Path.Combine(Root, "examples");

    /// <summary>
    /// How the end-to-end tests start the target: the executable TARGET_SALESFORCE_TEST_EXECUTABLE names (an
    /// installed build, e.g. the single-file publish), else `dotnet` and the build beside these tests.
    /// </summary>
    public static IReadOnlyList<string> TargetCommand => InstalledTarget is { } executable ? [executable] : ["dotnet", TargetDll];

    /// <summary>What Mage's shim is told to run (TARGET_SALESFORCE_EXECUTABLE): the installed build when one is named, else the build's dll.</summary>
    public static string TargetForShims => InstalledTarget ?? TargetDll;

    private static string? InstalledTarget =>
        Environment.GetEnvironmentVariable("TARGET_SALESFORCE_TEST_EXECUTABLE") is { Length: > 0 } executable ? executable : null;

    /// <summary>The target built in the same configuration as these tests.</summary>
    public static string TargetDll
    {
        get
        {
            // bin/<Configuration>/<framework>/: the framework folder's parent names the configuration.
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent?.Name ?? "Debug";
            var dll = Path.Combine(Root, "src", "TargetSalesforce", "bin", configuration, "net10.0", "target-salesforce.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("The target is not built.", dll);
        }
    }

    /// <summary>The demo (examples/demo) built in the same configuration as these tests.</summary>
    public static string DemoDll
    {
        get
        {
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent?.Name ?? "Debug";
            var dll = Path.Combine(Root, "examples", "demo", "bin", configuration, "net10.0", "Demo.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("The demo is not built.", dll);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TargetSalesforce.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("TargetSalesforce.sln not found above " + AppContext.BaseDirectory);
    }
}

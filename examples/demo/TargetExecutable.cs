namespace TargetSalesforce.Demo;

/// <summary>The target built beside this demo (same configuration).</summary>
internal static class TargetExecutable
{
    public static string Find(string repoRoot)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent?.Name ?? "Debug";
        var dll = Path.Combine(repoRoot, "src", "TargetSalesforce", "bin", configuration, "net10.0", "target-salesforce.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("The target is not built; run `dotnet build` first.", dll);
    }
}

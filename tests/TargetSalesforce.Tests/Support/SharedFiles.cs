namespace TargetSalesforce.Tests.Support;

/// <summary>Finds `shared` (next to the repository root, or TARGET_SALESFORCE_SHARED).</summary>
internal static class SharedFiles
{
    public static string Root
    {
        get
        {
            if (Environment.GetEnvironmentVariable("TARGET_SALESFORCE_SHARED") is { Length: > 0 } overridden)
            {
                return overridden;
            }

            for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "TargetSalesforce.sln")))
                {
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
                }
            }

            throw new DirectoryNotFoundException("No TargetSalesforce.sln above the test directory; set TARGET_SALESFORCE_SHARED.");
        }
    }

    public static string ConformanceDirectory => Path.Combine(Root, "conformance", "meltano-sdk");

    public static string Conformance(string name) => Path.Combine(ConformanceDirectory, name + ".singer");

    public static IEnumerable<string> ConformanceNames =>
        Directory.GetFiles(ConformanceDirectory, "*.singer").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order();
}

using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Mage;

/// <summary>examples/mage/salesforce_dotnet/__init__.py, the module Mage would run, and the python3 to run it with.</summary>
internal static class PythonShim
{
    public static string Module => Path.Combine(RepoPaths.Examples, "mage", "salesforce_dotnet", "__init__.py");

    /// <summary>python3 from PATH, or null when the machine has none.</summary>
    public static string? Python { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "python3"))
            .FirstOrDefault(File.Exists);
}

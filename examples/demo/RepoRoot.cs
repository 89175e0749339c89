namespace TargetSalesforce.Demo;

/// <summary>The folder that holds TargetSalesforce.sln.</summary>
internal static class RepoRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TargetSalesforce.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the demo from inside the repository (TargetSalesforce.sln not found above " + AppContext.BaseDirectory + ").");
    }
}

using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Packaging;

/// <summary>The programs the packaging tests build and install with: dotnet, and a Python that has pip, setuptools, wheel and venv.</summary>
internal static class PackagingTools
{
    /// <summary>Set by `.ci/run`, which installs the Python tools: there, a machine without them fails the packaging tests instead of skipping them.</summary>
    public const string RequiredVariable = "TARGET_SALESFORCE_PACKAGING_TESTS";

    /// <summary>A publish or a pack is minutes of work on a busy machine, not a hang; anything longer is one.</summary>
    public static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(8);

    // setuptools first: Debian's pip imports the standard library's distutils, which setuptools then refuses.
    private const string ToolCheck = "import setuptools, wheel, pip, venv, ensurepip";

    private static readonly Lazy<Task<string?>> FoundPython = new(FindPythonAsync);

    /// <summary>The first python3 on PATH (or Debian's /usr/bin/python3) that can build the wheel and make a venv.</summary>
    public static async Task<string> PythonAsync()
    {
        if (await FoundPython.Value is { } python)
        {
            return python;
        }

        var message = $"no python3 with pip, setuptools, wheel and venv (Debian: apt-get install python3-pip python3-setuptools python3-wheel python3-venv)";
        if (Environment.GetEnvironmentVariable(RequiredVariable) == "required")
        {
            Assert.Fail(message + $"; {RequiredVariable}=required");
        }

        Assert.Ignore(message);
        return "";
    }

    /// <summary>Runs one build or install command to its end; the environment keeps no MSBuild nodes alive after it.</summary>
    public static Task<TargetResult> RunAsync(IReadOnlyList<string> command, string workingDirectory, TimeSpan? limit = null) =>
        TargetProcess.RunAsync(
            [],
            environment: new Dictionary<string, string>
            {
                ["MSBUILDDISABLENODEREUSE"] = "1",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_NOLOGO"] = "1",
                ["PIP_DISABLE_PIP_VERSION_CHECK"] = "1",
            },
            workingDirectory: workingDirectory,
            launch: new TargetLaunch { Command = command, HangLimit = limit ?? BuildLimit });

    private static async Task<string?> FindPythonAsync()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "python3"))
            .Append("/usr/bin/python3")
            .Where(File.Exists)
            .Distinct();
        foreach (var python in candidates)
        {
            var check = await RunAsync([python, "-c", ToolCheck], Path.GetTempPath(), TimeSpan.FromMinutes(1));
            if (check.ExitCode == 0)
            {
                return python;
            }
        }

        return null;
    }
}

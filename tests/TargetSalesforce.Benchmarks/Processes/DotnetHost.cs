using System.Diagnostics;

namespace TargetSalesforce.Benchmarks.Processes;

/// <summary>
/// Starts a built .NET app as `dotnet app.dll args…`, the way a user runs it from a build, or a published executable
/// (any path not ending in .dll) as it is.
/// </summary>
public static class DotnetHost
{
    /// <summary>The SDK tells child processes which muxer it runs under; outside the SDK, the one on PATH.</summary>
    public static string Muxer =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static ProcessStartInfo StartInfo(string dll, IEnumerable<string> arguments, bool redirectInput)
    {
        var isExecutable = !dll.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var info = new ProcessStartInfo(isExecutable ? dll : Muxer)
        {
            UseShellExecute = false,
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (!isExecutable)
        {
            info.ArgumentList.Add(dll);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }
}

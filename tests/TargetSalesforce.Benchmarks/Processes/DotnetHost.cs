using System.Diagnostics;

namespace TargetSalesforce.Benchmarks.Processes;

/// <summary>Starts a built .NET app as `dotnet app.dll args…`, the way a user runs it from a build.</summary>
public static class DotnetHost
{
    public static ProcessStartInfo StartInfo(string dll, IEnumerable<string> arguments, bool redirectInput)
    {
        // The SDK tells child processes which muxer it runs under; outside the SDK, the one on PATH.
        var muxer = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var info = new ProcessStartInfo(muxer)
        {
            UseShellExecute = false,
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }
}

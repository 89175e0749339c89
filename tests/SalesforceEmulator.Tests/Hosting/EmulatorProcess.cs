using System.Diagnostics;

namespace SalesforceEmulator.Tests.Hosting;

/// <summary>The built emulator run as its own process (`dotnet SalesforceEmulator.dll …`), as scripts run it.</summary>
internal sealed class EmulatorProcess : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private EmulatorProcess(Process process) => Process = process;

    public Process Process { get; }

    public static EmulatorProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SalesforceEmulator.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return new EmulatorProcess(Process.Start(start)!);
    }

    public async Task<string> ReadLineAsync() =>
        await Process.StandardOutput.ReadLineAsync().WaitAsync(Patience) ?? throw new EndOfStreamException("stdout closed");

    public async Task<(int ExitCode, string StdErr)> WaitForExitAsync()
    {
        var stderr = Process.StandardError.ReadToEndAsync();
        await Process.WaitForExitAsync().WaitAsync(Patience);
        return (Process.ExitCode, await stderr);
    }

    /// <summary>Sends SIGTERM, as a service manager or `kill` would.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync().WaitAsync(Patience);
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill();
        }

        Process.Dispose();
    }
}

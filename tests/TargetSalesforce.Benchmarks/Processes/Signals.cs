using System.Runtime.InteropServices;

namespace TargetSalesforce.Benchmarks.Processes;

/// <summary>SIGTERM, which .NET's Process cannot send (Kill is SIGKILL): lets a server stop cleanly.</summary>
public static class Signals
{
    private const int SigTerm = 15;

    /// <summary>False when the signal could not be sent (not Linux/macOS, or the process is gone).</summary>
    public static bool TryTerminate(int processId) =>
        (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && kill(processId, SigTerm) == 0;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}

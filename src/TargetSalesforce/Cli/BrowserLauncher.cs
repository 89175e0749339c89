using System.ComponentModel;
using System.Diagnostics;

namespace TargetSalesforce.Cli;

/// <summary>Opens a URL in the desktop's browser, where there is one (xdg-open, open, or the shell).</summary>
public static class BrowserLauncher
{
    /// <summary>True when a browser was asked to open the page; false where none could be started.</summary>
    public static bool TryOpen(Uri url)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(url.AbsoluteUri) { UseShellExecute = true });
            return process is not null || OperatingSystem.IsWindows();
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            return false;
        }
    }
}

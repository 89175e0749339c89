using System.Diagnostics;

namespace SalesforceEmulator.Bulk;

/// <summary>
/// Upload folders left behind by emulators that were killed (SIGKILL, a crash) instead of stopped:
/// each is named `&lt;pid&gt;-&lt;id&gt;`, and one whose process is gone is removed when an emulator
/// starts, so a machine that runs many emulators (a test suite, a benchmark) does not fill its disk.
/// </summary>
public static class StaleUploadFolders
{
    /// <summary>Removes the folders under <paramref name="root"/> whose process no longer runs; returns how many.</summary>
    public static int Remove(string root)
    {
        if (!Directory.Exists(root))
        {
            return 0;
        }

        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(root))
        {
            var name = Path.GetFileName(folder);
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0 || !int.TryParse(name.AsSpan(0, dash), out var pid) || IsRunning(pid))
            {
                continue; // not ours, or its emulator may still be using it
            }

            try
            {
                Directory.Delete(folder, recursive: true);
                removed++;
            }
            catch (IOException)
            {
                // Another emulator is sweeping the same folder at the same moment: it will do.
            }
            catch (UnauthorizedAccessException)
            {
                // Another user's emulator: not ours to remove.
            }
        }

        return removed;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}

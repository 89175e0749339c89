using System.Diagnostics;

namespace SalesforceEmulator.Tests.WebConsole;

/// <summary>
/// Debian's chromium, run headless once per page as a user's browser would load it: a fresh profile each time, no
/// network beyond the page's own server. `--dump-dom` prints the document after it loaded (and any script ran).
/// </summary>
internal static class HeadlessChromium
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static readonly Lazy<string?> Found = new(Find);

    /// <summary>Skips the calling test, with the reason, where no chromium is installed (`.ci/run` installs it).</summary>
    public static string Require()
    {
        if (Found.Value is null)
            Assert.Ignore("chromium is not installed (apt-get install chromium; .ci/run installs it): the browser checks of the console are skipped.");
        return Found.Value!;
    }

    /// <summary>The DOM after the page loaded, serialised.</summary>
    public static async Task<string> DumpDomAsync(Uri url) => await RunAsync(["--dump-dom", url.ToString()]);

    /// <summary>A PNG of the page at the given window size.</summary>
    public static async Task ScreenshotAsync(Uri url, string path, int width, int height) =>
        await RunAsync([$"--screenshot={path}", $"--window-size={width},{height}", "--hide-scrollbars", url.ToString()]);

    private static async Task<string> RunAsync(IReadOnlyList<string> arguments)
    {
        var executable = Require();
        var profile = Directory.CreateTempSubdirectory("console-chromium-");
        try
        {
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.FullName}",
            }.Concat(arguments))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            try
            {
                await process.WaitForExitAsync().WaitAsync(Patience);
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            var output = await stdout;
            Assert.That(process.ExitCode, Is.Zero, $"chromium failed: {await stderr}");
            return output;
        }
        finally
        {
            try
            {
                profile.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A helper process of chromium still closing a file; the temporary folder is left to the system.
            }
        }
    }

    private static string? Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var name in new[] { "chromium", "chromium-browser" })
        {
            foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                    return candidate;
            }
        }
        return null;
    }
}

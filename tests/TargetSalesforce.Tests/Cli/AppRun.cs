using System.Text;
using Microsoft.Extensions.Time.Testing;
using TargetSalesforce.Cli;

namespace TargetSalesforce.Tests.Cli;

/// <summary>One in-process run of <see cref="TargetApp"/>, with its exit code and both output streams.</summary>
internal sealed record AppRun(int ExitCode, string Stdout, string Stderr)
{
    private static readonly System.Collections.Concurrent.ConcurrentBag<string> TemporaryFiles = [];

    /// <summary>Writes a config to a fresh temporary file and returns its path (see <see cref="DeleteConfigFiles"/>).</summary>
    public static string ConfigFile(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"target-salesforce-test-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        TemporaryFiles.Add(path);
        return path;
    }

    public static void DeleteConfigFiles()
    {
        while (TemporaryFiles.TryTake(out var path))
        {
            File.Delete(path);
        }
    }

    public static AppRun Of(params string[] args) => Of(new Dictionary<string, string>(), "", args);

    public static AppRun Of(IReadOnlyDictionary<string, string> environment, string stdin, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(stdin));
        var app = new TargetApp(
            input, stdout, stderr, environment, Path.GetTempPath(),
            new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 14, 30, 0, TimeSpan.Zero)), CancellationToken.None);
        var code = app.RunAsync(args).GetAwaiter().GetResult();
        return new AppRun(code, stdout.ToString(), stderr.ToString());
    }
}

using System.Diagnostics;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Tests.Cli;

/// <summary>The built executable run as a process, as Meltano and Mage run it.</summary>
public class ExecutableTests
{
    private static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "target-salesforce.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill();
            Assert.Fail("target-salesforce did not exit");
        }

        return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    [Test]
    public void About_json_stdout_parses_whole()
    {
        var (code, stdout, stderr) = Run("--about", "--format", "json");

        Assert.That(code, Is.Zero);
        Assert.That((string?)JObject.Parse(stdout)["name"], Is.EqualTo("target-salesforce"));
        Assert.That(stderr, Is.Empty);
    }

    [Test]
    public void An_unknown_flag_exits_2_with_usage_on_stderr_only()
    {
        var (code, stdout, stderr) = Run("--config", "x.json", "--no-such-flag");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Does.Contain("unknown option --no-such-flag").And.Contain("usage:"));
    }

    [Test]
    public void A_bad_config_exits_2_naming_each_key_without_the_secret()
    {
        var (code, stdout, stderr) = Run("--config_json", "{\"action\":\"merge\",\"client_secret\":\"Zq9-never-shown\",\"log_format\":\"text\"}");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Does.Contain("config: action:").And.Contain("config: domain:").And.Contain("config: client_id:"));
        Assert.That(stderr, Does.Not.Contain("Zq9-never-shown"));
    }
}

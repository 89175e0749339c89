using System.Text.RegularExpressions;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Newcomer;

/// <summary>A long run says how it is going: a progress line every `progress_interval_seconds`.</summary>
internal sealed partial class ProgressTests : EmulatorTestBase
{
    [Test]
    public async Task A_run_that_lasts_logs_progress_lines_with_counts_and_rate()
    {
        var input = new SingerStream().Schema("Account", SingerStream.ObjectSchema(new Dictionary<string, string> { ["Name"] = "string" }));
        for (var i = 0; i < 5; i++)
        {
            input.Record("Account", new { Name = $"Account {i}" });
        }

        using var config = TargetConfig.For(Emulator.BaseUrl, new { progress_interval_seconds = 0.05 });
        // The tap keeps its pipe open until a progress line has come: the run lasts as long as it must.
        var result = await TargetProcess.RunAsync(
            ["--config", config.Path], input.ToString(),
            launch: new TargetLaunch { HoldStdinUntilStderr = line => line.Contains("Progress:", StringComparison.Ordinal) });

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(ProgressLine().IsMatch(result.Stderr), Is.True, result.Stderr);
        Assert.That(await Org.CountAsync("Account"), Is.EqualTo(5));
    }

    [Test]
    public async Task A_progress_interval_that_is_not_positive_is_a_config_error_naming_the_setting()
    {
        using var config = TargetConfig.For(Emulator.BaseUrl, new { progress_interval_seconds = 0 });

        var result = await TargetProcess.RunAsync(["--config", config.Path], "");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
        Assert.That(result.Stderr, Does.Contain("progress_interval_seconds"));
    }

    [GeneratedRegex(@"Progress: \d+ records read, \d+ committed, \d+ superseded, \d+ failed, \d+ jobs? in flight, \d+ records/s committed")]
    private static partial Regex ProgressLine();
}

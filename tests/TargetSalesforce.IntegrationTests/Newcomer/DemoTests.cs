using System.Diagnostics;
using System.Globalization;
using System.Net;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Newcomer;

/// <summary>The README's first command (`dotnet run --project examples/demo`), run from its build.</summary>
internal sealed class DemoTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Test]
    public async Task The_demo_loads_the_sample_and_shows_records_per_object_and_the_state()
    {
        var result = await TargetProcess.RunAsync([], launch: new TargetLaunch { Command = ["dotnet", RepoPaths.DemoDll] }, workingDirectory: RepoPaths.Root);

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(result.Stdout, Does.Contain("Emulator listening at http://127.0.0.1:"));
        Assert.That(result.Stdout, Does.Contain("target-salesforce exited with code 0"));
        Assert.That(result.Stdout, Does.Contain("the last is the checkpoint to keep"));
        foreach (var objectName in new[] { "Account", "Contact", "Invoice__c" })
        {
            Assert.That(result.Stdout, Does.Match($@"\n  {objectName} +[1-9]\d*\n"), $"no {objectName} records counted");
        }

        Assert.That(result.Stdout, Does.Match(@"\nConsole: http://127\.0\.0\.1:\d+/__emulator/ui/\n"));
    }

    [Test]
    public async Task With_keep_open_the_console_stays_up_until_ctrl_c()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        start.ArgumentList.Add(RepoPaths.DemoDll);
        start.ArgumentList.Add("--keep-open");
        using var demo = Process.Start(start)!;
        var stderr = demo.StandardError.ReadToEndAsync();
        try
        {
            string? consoleUrl = null;
            while (consoleUrl is null && await demo.StandardOutput.ReadLineAsync().WaitAsync(Patience) is { } line)
            {
                if (line.StartsWith("Console: ", StringComparison.Ordinal))
                    consoleUrl = line["Console: ".Length..];
            }
            Assert.That(consoleUrl, Is.Not.Null, "the demo printed no console URL");

            using var http = new HttpClient();
            using var page = await http.GetAsync(consoleUrl);
            var html = await page.Content.ReadAsStringAsync();
            var stillRunning = !demo.HasExited;
            using (var interrupt = Process.Start("kill", ["-INT", demo.Id.ToString(CultureInfo.InvariantCulture)]))
                await interrupt.WaitForExitAsync();
            await demo.WaitForExitAsync().WaitAsync(Patience);

            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(html, Does.Contain(">JobComplete<"), "the demo's jobs are listed");
            Assert.That(stillRunning, Is.True, "kept open after printing the console URL");
            Assert.That(demo.ExitCode, Is.Zero, await stderr);
        }
        finally
        {
            if (!demo.HasExited)
                demo.Kill(entireProcessTree: true);
        }
    }
}

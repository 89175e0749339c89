using System.Net;

namespace SalesforceEmulator.Tests.Hosting;

[NonParallelizable]
public sealed class ProgramTests
{
    [SetUp]
    public void OnlyWherePosixSignalsExist()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("SIGTERM is POSIX");
        }
    }

    [Test]
    public async Task BadFlagPrintsUsageOnStderrAndExits2()
    {
        using var emulator = EmulatorProcess.Start("--bogus");

        var (exitCode, stderr) = await emulator.WaitForExitAsync();

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--bogus: unknown option"));
        Assert.That(stderr, Does.Contain("Usage:"));
        Assert.That(await emulator.Process.StandardOutput.ReadToEndAsync(), Is.Empty);
    }

    [Test]
    public async Task UnusableFaultsFileExits2NamingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"faults-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """{"faults": [{"kind": "nope"}]}""");
        try
        {
            using var emulator = EmulatorProcess.Start("--faults", path);

            var (exitCode, stderr) = await emulator.WaitForExitAsync();

            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(stderr, Does.Contain($"{path}: faults[0].kind"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task FirstLineIsTheBaseUrlAndSigtermStopsCleanly()
    {
        using var emulator = EmulatorProcess.Start("--port", "0", "--seed", "5");

        var baseUrl = await emulator.ReadLineAsync();
        using var client = new HttpClient();
        using var response = await client.GetAsync($"{baseUrl}/__emulator/stats");
        await emulator.TerminateAsync();
        var (exitCode, _) = await emulator.WaitForExitAsync();

        Assert.That(baseUrl, Does.Match(@"^http://127\.0\.0\.1:\d+$"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(exitCode, Is.Zero);
    }

    [Test]
    public async Task SecondLineIsTheConsoleUrl()
    {
        using var emulator = EmulatorProcess.Start();

        var baseUrl = await emulator.ReadLineAsync();
        var consoleUrl = await emulator.ReadLineAsync();
        using var client = new HttpClient();
        using var page = await client.GetAsync(consoleUrl);
        var html = await page.Content.ReadAsStringAsync();
        await emulator.TerminateAsync();
        await emulator.WaitForExitAsync();

        Assert.That(consoleUrl, Is.EqualTo($"{baseUrl}/__emulator/ui/"));
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(html, Does.Contain("<title>Jobs · Salesforce emulator</title>"));
    }

    [Test]
    public async Task HttpsPrintsTheCertificatePathThird()
    {
        using var emulator = EmulatorProcess.Start("--https");

        var baseUrl = await emulator.ReadLineAsync();
        var consoleUrl = await emulator.ReadLineAsync();
        var certificatePath = await emulator.ReadLineAsync();
        var existedWhileRunning = File.Exists(certificatePath);
        var pem = await File.ReadAllTextAsync(certificatePath);
        await emulator.TerminateAsync();
        var (exitCode, _) = await emulator.WaitForExitAsync();

        Assert.That(baseUrl, Does.Match(@"^https://127\.0\.0\.1:\d+$"));
        Assert.That(consoleUrl, Is.EqualTo($"{baseUrl}/__emulator/ui/"));
        Assert.That(existedWhileRunning, Is.True);
        Assert.That(pem, Does.StartWith("-----BEGIN CERTIFICATE-----"));
        Assert.That(exitCode, Is.Zero);
        Assert.That(File.Exists(certificatePath), Is.False, "removed on a clean stop");
    }

    [Test]
    public async Task HelpGoesToStdoutAndExits0()
    {
        using var emulator = EmulatorProcess.Start("--help");

        var stdout = await emulator.Process.StandardOutput.ReadToEndAsync();
        var (exitCode, _) = await emulator.WaitForExitAsync();

        Assert.That(exitCode, Is.Zero);
        Assert.That(stdout, Does.StartWith("Usage:"));
    }
}

using SalesforceEmulator.Hosting;

namespace SalesforceEmulator.Tests.Hosting;

public sealed class CommandLineTests
{
    [Test]
    public void NoFlagsGiveTheDefaults()
    {
        var options = EmulatorCommandLine.Parse([]).Options!;

        Assert.That(options.Port, Is.Zero);
        Assert.That(options.Https, Is.False);
        Assert.That(options.TokenLifetime, Is.EqualTo(TimeSpan.FromHours(2)));
        Assert.That(options.ProcessingRate, Is.Null);
        Assert.That(options.RequestLog, Is.Null);
        Assert.That(options.ApiVersions, Is.EqualTo(new SalesforceEmulator.Rest.ApiVersionRange(31, 68)));
        Assert.That(options.MaxUploadBase64Bytes, Is.EqualTo(150_000_000));
    }

    [Test]
    public void LogRequestsWritesToStandardError()
    {
        Assert.That(EmulatorCommandLine.Parse(["--log-requests"]).Options!.RequestLog, Is.SameAs(Console.Error));
    }

    [Test]
    public void EveryFlagSetsItsOption()
    {
        var file = Path.GetTempFileName();
        try
        {
            var options = EmulatorCommandLine.Parse([
                "--port", "8443", "--org", file, "--https", "--seed", "-4", "--processing-rate", "2500.5",
                "--workers", "3", "--queue-latency-ms", "250", "--lock-timeout-ms", "1500", "--faults", file, "--token-lifetime", "90",
                "--api-versions", "41.0-66.0", "--max-upload-mb", "0.5",
            ]).Options!;

            Assert.That(options.Port, Is.EqualTo(8443));
            Assert.That(options.OrgFile, Is.EqualTo(Path.GetFullPath(file)));
            Assert.That(options.Https, Is.True);
            Assert.That(options.Seed, Is.EqualTo(-4));
            Assert.That(options.ProcessingRate, Is.EqualTo(2500.5));
            Assert.That(options.Workers, Is.EqualTo(3));
            Assert.That(options.QueueLatency, Is.EqualTo(TimeSpan.FromMilliseconds(250)));
            Assert.That(options.LockTimeout, Is.EqualTo(TimeSpan.FromMilliseconds(1500)));
            Assert.That(options.FaultsFile, Is.EqualTo(Path.GetFullPath(file)));
            Assert.That(options.TokenLifetime, Is.EqualTo(TimeSpan.FromSeconds(90)));
            Assert.That(options.ApiVersions, Is.EqualTo(new SalesforceEmulator.Rest.ApiVersionRange(41, 66)));
            Assert.That(options.MaxUploadBase64Bytes, Is.EqualTo(500_000));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void TheOldJobCountFlagSetsTheWorkersAndSaysItIsDeprecated()
    {
        var parsed = EmulatorCommandLine.Parse(["--max-concurrent-jobs", "6"]);

        Assert.That(parsed.Options!.Workers, Is.EqualTo(6));
        Assert.That(parsed.Deprecations, Has.Count.EqualTo(1).And.Some.Contains("--workers"));
        Assert.That(EmulatorCommandLine.Parse(["--workers", "6"]).Deprecations, Is.Empty);
    }

    [Test]
    public void ProcessingDefaultsAreFourWorkersNoLatencyAndTenSecondLocks()
    {
        var options = EmulatorCommandLine.Parse([]).Options!;

        Assert.That(options.Workers, Is.EqualTo(4));
        Assert.That(options.QueueLatency, Is.EqualTo(TimeSpan.Zero));
        Assert.That(options.LockTimeout, Is.EqualTo(TimeSpan.FromSeconds(10)));
    }

    [TestCase("--help")]
    [TestCase("-h")]
    public void HelpIsRecognised(string flag)
    {
        Assert.That(EmulatorCommandLine.Parse(["--port", "1", flag]).HelpRequested, Is.True);
    }

    [TestCase(new[] { "--bogus" }, "--bogus: unknown option")]
    [TestCase(new[] { "--port" }, "--port: needs a value")]
    [TestCase(new[] { "--port", "--https" }, "--port: needs a value")]
    [TestCase(new[] { "--port", "70000" }, "--port: '70000' is not a whole number from 0 to 65535")]
    [TestCase(new[] { "--seed", "x" }, "--seed: 'x' is not a whole number")]
    [TestCase(new[] { "--processing-rate", "0" }, "--processing-rate: '0' is not a positive number")]
    [TestCase(new[] { "--token-lifetime", "-5" }, "--token-lifetime: '-5' is not a positive number")]
    [TestCase(new[] { "--max-concurrent-jobs", "0" }, "--max-concurrent-jobs: '0' is not a whole number from 1")]
    [TestCase(new[] { "--workers", "0" }, "--workers: '0' is not a whole number from 1")]
    [TestCase(new[] { "--queue-latency-ms", "-1" }, "--queue-latency-ms: '-1' is not a whole number from 0")]
    [TestCase(new[] { "--api-versions", "68.0-31.0" }, "--api-versions: '68.0-31.0' is not MIN-MAX, e.g. 31.0-68.0")]
    [TestCase(new[] { "--max-upload-mb", "0" }, "--max-upload-mb: '0' is not a positive number")]
    [TestCase(new[] { "--org", "/no/such/org.json" }, "--org: file '/no/such/org.json' does not exist")]
    [TestCase(new[] { "--faults", "/no/such/faults.json" }, "--faults: file '/no/such/faults.json' does not exist")]
    public void BadFlagsAreNamed(string[] args, string error)
    {
        var parsed = EmulatorCommandLine.Parse(args);

        Assert.That(parsed.Options, Is.Null);
        Assert.That(parsed.Error, Does.StartWith(error));
    }
}

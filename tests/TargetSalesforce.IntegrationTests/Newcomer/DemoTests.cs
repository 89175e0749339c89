using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Newcomer;

/// <summary>The README's first command (`dotnet run --project examples/demo`), run from its build.</summary>
internal sealed class DemoTests
{
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
    }
}

using SalesforceEmulator;

namespace TargetSalesforce.IntegrationTests.Support;

/// <summary>A fresh emulator for each test fixture, and an empty org before each test.</summary>
internal abstract class EmulatorTestBase
{
    protected EmulatorHost Emulator { get; private set; } = null!;

    protected OrgClient Org { get; private set; } = null!;

    protected virtual EmulatorOptions CreateOptions() => new();

    [OneTimeSetUp]
    public async Task StartEmulatorAsync()
    {
        Emulator = await EmulatorHost.StartAsync(CreateOptions());
        Org = new OrgClient(Emulator.BaseUrl);
    }

    [OneTimeTearDown]
    public async Task StopEmulatorAsync()
    {
        Org.Dispose();
        await Emulator.DisposeAsync();
    }

    [SetUp]
    public Task ResetOrgAsync() => Org.PostAdminAsync("/__emulator/reset");

    protected Task<TargetResult> RunTargetAsync(SingerStream input, object? configOverrides = null, params string[] extraArguments)
    {
        return RunTargetAsync(input.ToString(), configOverrides, extraArguments);
    }

    protected async Task<TargetResult> RunTargetAsync(string input, object? configOverrides = null, params string[] extraArguments)
    {
        using var config = TargetConfig.For(Emulator.BaseUrl, configOverrides);
        return await TargetProcess.RunAsync(["--config", config.Path, .. extraArguments], input);
    }
}

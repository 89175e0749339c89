using System.Net;
using SalesforceEmulator.Tests.Hosting;

namespace SalesforceEmulator.Tests.Faults;

public sealed class SessionExpiryFaultTests
{
    private HostFixture emulator = null!;

    [SetUp]
    public async Task StartAsync() => emulator = await HostFixture.StartAsync();

    [TearDown]
    public async Task StopAsync() => await emulator.DisposeAsync();

    [Test]
    public async Task SessionEndsAfterNRequests()
    {
        await emulator.PostFaultsAsync("""[{"kind": "sessionExpiry", "afterRequests": 2}]""");
        var token = emulator.Host.Tokens.IssueAccessToken();

        var statuses = await UserInfoStatuses(token, 4);

        Assert.That(statuses, Is.EqualTo(new[] { 200, 200, 401, 401 }));
    }

    [Test]
    public async Task TimesLimitsHowManySessionsEnd()
    {
        await emulator.PostFaultsAsync("""[{"kind": "sessionExpiry", "afterRequests": 1, "times": 1}]""");

        var first = await UserInfoStatuses(emulator.Host.Tokens.IssueAccessToken(), 2);
        var second = await UserInfoStatuses(emulator.Host.Tokens.IssueAccessToken(), 3);

        Assert.That(first, Is.EqualTo(new[] { 200, 401 }));
        Assert.That(second, Is.EqualTo(new[] { 200, 200, 200 }), "the refreshed session lives on");
    }

    [Test]
    public async Task SessionEndsAfterTSecondsOnTheEmulatorClock()
    {
        await emulator.PostFaultsAsync("""[{"kind": "sessionExpiry", "afterSeconds": 60}]""");
        var token = emulator.Host.Tokens.IssueAccessToken();

        emulator.Time.Advance(TimeSpan.FromSeconds(59));
        var before = await UserInfoStatuses(token, 1);
        emulator.Time.Advance(TimeSpan.FromSeconds(1));
        var after = await UserInfoStatuses(token, 1);

        Assert.That(before, Is.EqualTo(new[] { 200 }));
        Assert.That(after, Is.EqualTo(new[] { 401 }));
    }

    [Test]
    public async Task UnprotectedRoutesDoNotCountTowardsExpiry()
    {
        await emulator.PostFaultsAsync("""[{"kind": "sessionExpiry", "afterRequests": 1}]""");
        var token = emulator.Host.Tokens.IssueAccessToken();

        using (var _ = await emulator.SendAuthorizedAsync(HttpMethod.Get, "/services/data/", token))
        {
        }

        Assert.That(await UserInfoStatuses(token, 1), Is.EqualTo(new[] { 200 }));
    }

    private async Task<List<int>> UserInfoStatuses(string token, int count)
    {
        var statuses = new List<int>();
        for (var i = 0; i < count; i++)
        {
            using var response = await emulator.SendAuthorizedAsync(HttpMethod.Get, "/services/oauth2/userinfo", token);
            statuses.Add((int)response.StatusCode);
        }

        return statuses;
    }
}

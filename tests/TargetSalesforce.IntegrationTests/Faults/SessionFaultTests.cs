using Newtonsoft.Json.Linq;
using SalesforceEmulator.Auth;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Faults;

/// <summary>Sessions that end under the run: refreshed and replayed; a refresh token that is revoked: a clean halt.</summary>
internal sealed class SessionFaultTests : EmulatorTestBase
{
    /// <summary>The input in chunks of 10 records, each closed by a state, so each chunk is a job that must commit before its state shows.</summary>
    private static List<string> Chunks(int chunks)
    {
        // Line 0 is the SCHEMA; then each chunk is 10 records and a state: 11 lines.
        var lines = AccountFeed.Distinct(chunks * 10, stateEvery: 10).ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return Enumerable.Range(0, chunks)
            .Select(c => (c == 0 ? lines[0] + "\n" : string.Empty) + string.Concat(lines.Skip(1 + (c * 11)).Take(11).Select(l => l + "\n")))
            .ToList();
    }

    private string GrantRefreshToken()
    {
        var token = $"faults-refresh-{Guid.NewGuid():N}";
        Emulator.Credentials.AddRefreshToken(new GrantedRefreshToken(token, EmulatorCredentials.ClientId, EmulatorCredentials.Username));
        return token;
    }

    private static int TokenRequests(JObject stats) =>
        ((JObject)stats["requests"]!["byRoute"]!).Properties().Where(p => p.Name.EndsWith("/oauth2/token", StringComparison.Ordinal)).Sum(p => (int)p.Value);

    [Test]
    public async Task Sessions_that_expire_again_and_again_are_refreshed_and_every_record_lands()
    {
        await Org.SetFaultsAsync(new { kind = "sessionExpiry", afterRequests = 5, times = 4 });
        var input = AccountFeed.Distinct(60);

        var result = await RunTargetAsync(input, AccountFeed.Upsert(new { batch_size_rows = 10, max_parallel_jobs = 2 }));

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That((await Org.FaultsFiredAsync())[0], Is.EqualTo(4), "four sessions ended under the run");
        Assert.That(await Org.CountAsync("Account"), Is.EqualTo(60));
        Assert.That(result.StdoutLines[^1], Is.EqualTo("""{"position":60}"""));
        await AccountingInvariant.AssertHoldsAsync(input.ToString(), result, Org, "Account", AccountFeed.Key, null);
    }

    [Test]
    public async Task Sessions_ended_by_the_org_between_jobs_are_refreshed_each_time()
    {
        var chunks = Chunks(4);
        using var config = TargetConfig.For(Emulator.BaseUrl, AccountFeed.Upsert(new { batch_size_rows = 10, max_parallel_jobs = 1 }));
        using var target = RunningTarget.Start(["--config", config.Path]);

        foreach (var chunk in chunks.SkipLast(1))
        {
            Assert.That(await target.WriteAsync(chunk), Is.True);
            Assert.That(await target.NextLineAsync(), Does.StartWith("{\"position\""), "the chunk's state came out");
            await Org.PostAdminAsync("/__emulator/sessions/expire");
        }

        await target.WriteAsync(chunks[^1]);
        target.CloseInput();
        var result = await target.WaitAsync();

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(TokenRequests(await Org.StatsAsync()), Is.GreaterThanOrEqualTo(4), "one login, then a refresh after each of the three expiries");
        Assert.That(await Org.CountAsync("Account"), Is.EqualTo(40));
        await AccountingInvariant.AssertHoldsAsync(string.Concat(chunks), result, Org, "Account", AccountFeed.Key, null);
    }

    [Test]
    public async Task A_refresh_token_revoked_mid_run_halts_cleanly_with_salesforces_words_and_no_secret()
    {
        var refreshToken = GrantRefreshToken();
        var chunks = Chunks(3);
        using var config = TargetConfig.For(Emulator.BaseUrl, AccountFeed.Upsert(new { batch_size_rows = 10, max_parallel_jobs = 1, refresh_token = refreshToken }));
        using var target = RunningTarget.Start(["--config", config.Path]);

        await target.WriteAsync(chunks[0]);
        Assert.That(await target.NextLineAsync(), Is.EqualTo("""{"position":10}"""));
        await Org.PostAdminAsync("/__emulator/refresh-tokens/revoke", new JObject { ["refresh_token"] = refreshToken }.ToString());
        await Org.PostAdminAsync("/__emulator/sessions/expire");
        await target.WriteAsync(chunks[1] + chunks[2]);
        target.CloseInput();
        var result = await target.WaitAsync();

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.Stderr, Does.Contain("invalid_grant").And.Contain("expired access/refresh token"));
        Assert.That(result.Stderr + result.Stdout, Does.Not.Contain(refreshToken).And.Not.Contain(EmulatorCredentials.ClientSecret));
        Assert.That(result.StdoutLines, Is.EqualTo(new[] { """{"position":10}""" }), "no state after the halt");
        await AccountingInvariant.AssertHoldsAsync(string.Concat(chunks), result, Org, "Account", AccountFeed.Key, null);
    }

    [Test]
    public async Task A_revoked_refresh_token_at_the_start_halts_before_anything_is_loaded()
    {
        var refreshToken = GrantRefreshToken();
        await Org.PostAdminAsync("/__emulator/refresh-tokens/revoke", new JObject { ["refresh_token"] = refreshToken }.ToString());
        var input = AccountFeed.Distinct(20);

        var result = await RunTargetAsync(input, AccountFeed.Upsert(new { refresh_token = refreshToken }));

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.Stderr, Does.Contain("invalid_grant"));
        Assert.That(result.Stderr.Split('\n').Count(l => l.Contains("invalid_grant", StringComparison.Ordinal)), Is.LessThanOrEqualTo(2), "said once, not per job");
        Assert.That(result.Stdout, Is.Empty);
        Assert.That(await Org.CountAsync("Account"), Is.Zero);
        await AccountingInvariant.AssertHoldsAsync(input.ToString(), result, Org, "Account", AccountFeed.Key, null);
    }
}

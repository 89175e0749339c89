using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.BadInput;

/// <summary>A wrong config is refused with a message naming the setting and what is wrong, and nothing is loaded.</summary>
internal sealed class ConfigTests : EmulatorTestBase
{
    private static SingerStream TwoAccounts() => AccountFeed.Distinct(2);

    private static IEnumerable<TestCaseData> RefusedConfigs()
    {
        yield return new TestCaseData(new { domain = (string?)null }, new[] { "domain", "required" }).SetName("domain missing");
        yield return new TestCaseData(new { action = (string?)null }, new[] { "action", "required" }).SetName("action missing");
        yield return new TestCaseData(new { action = "merge" }, new[] { "action", "merge" }).SetName("an unknown action");
        yield return new TestCaseData(new { batch_size_rows = "many" }, new[] { "batch_size_rows", "many" }).SetName("a number setting given text");
        yield return new TestCaseData(new { allow_failures = "yes please" }, new[] { "allow_failures" }).SetName("a boolean setting given text");
        yield return new TestCaseData(new { max_parallel_jobs = 0 }, new[] { "max_parallel_jobs" }).SetName("a number below its minimum");
        yield return new TestCaseData(new { streams = "Account" }, new[] { "streams" }).SetName("an object setting given text");
        yield return new TestCaseData(
            new { refresh_token = (string?)null, client_secret = (string?)null, username = "someone@example.com" },
            new[] { "client_secret", "refresh_token", "password" }).SetName("both auth sets partial");
    }

    [TestCaseSource(nameof(RefusedConfigs))]
    public async Task A_bad_config_is_refused_naming_the_setting(object overrides, string[] words)
    {
        var input = TwoAccounts();

        var result = await RunTargetAsync(input, overrides);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
        Assert.That(result.Stderr, Does.Contain("config"));
        foreach (var word in words)
        {
            Assert.That(result.Stderr, Does.Contain(word), result.ToString);
        }

        Assert.That(result.Stdout, Is.Empty);
        Assert.That((int)(await Org.StatsAsync())["requests"]!["total"]!, Is.Zero, "refused before any request");
        await AccountingInvariant.AssertHoldsAsync(input.ToString(), result, Org, "Account", AccountFeed.Key, null);
    }

    [Test]
    public async Task Plain_http_to_a_host_that_is_not_loopback_is_refused_before_any_request()
    {
        var input = TwoAccounts();

        var result = await RunTargetAsync(input, new { domain = "http://example.com" });

        Assert.That(result.ExitCode, Is.EqualTo(2), "a config error" + result);
        Assert.That((int)(await Org.StatsAsync())["requests"]!["total"]!, Is.Zero);
        Assert.That(result.Stderr, Does.Contain("plain http").And.Contain("example.com"));
        Assert.That(result.Stderr, Does.Not.Contain(EmulatorCredentials.ClientSecret).And.Not.Contain(EmulatorCredentials.RefreshToken));
        Assert.That(result.Stdout, Is.Empty);
        await AccountingInvariant.AssertHoldsAsync(input.ToString(), result, Org, "Account", AccountFeed.Key, null);
    }

    [Test]
    public async Task Upsert_on_a_field_that_is_not_an_external_id_is_refused_naming_it()
    {
        var input = TwoAccounts();

        var result = await RunTargetAsync(input, new { action = "upsert", external_id_name = "Phone" });

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.Stderr, Does.Contain("Phone").And.Contain("Account"));
        Assert.That(result.Stderr, Does.Contain("external id").IgnoreCase.Or.Contain("externalId").IgnoreCase.Or.Contain("external-id").IgnoreCase);
        Assert.That(await Org.CountAsync("Account"), Is.Zero);
        await AccountingInvariant.AssertHoldsAsync(input.ToString(), result, Org, "Account", AccountFeed.Key, null);
    }

    [Test]
    public async Task A_table_name_the_org_does_not_have_is_refused_naming_it()
    {
        var input = TwoAccounts();

        var result = await RunTargetAsync(input, new { table_name = "Nowhere__c" });

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.Stderr, Does.Contain("Nowhere__c"));
        Assert.That(result.Stdout, Is.Empty);
        await AccountingInvariant.AssertHoldsAsync(input.ToString(), result, Org, "Account", AccountFeed.Key, null);
    }

    [Test]
    public async Task A_stream_whose_object_the_org_does_not_have_is_refused_naming_the_stream()
    {
        var input = new SingerStream().Schema("Widgets", AccountFeed.Schema).Record("Widgets", new { External_Id__c = "W-1", Name = "w" });

        var result = await RunTargetAsync(input);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        Assert.That(result.Stderr, Does.Contain("Widgets"));
        Assert.That(result.Stderr, Does.Contain("stream 'Widgets'").And.Contain("does not exist"), "the error names the stream and what is wrong");
    }
}

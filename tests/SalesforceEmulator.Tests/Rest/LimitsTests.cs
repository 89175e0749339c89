using System.Text;
using SalesforceEmulator.Rest;
using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Rest;

/// <summary>`/limits` lists what a real org lists and counts what this one was asked.</summary>
public sealed class LimitsTests : EmulatorFixture
{
    [Test]
    public async Task The_limits_are_the_keys_a_real_org_lists_with_per_app_entries()
    {
        var limits = await GetJson($"{V}/limits");
        var names = limits.EnumerateObject().Select(p => p.Name).ToList();

        Assert.That(names, Has.Count.GreaterThanOrEqualTo(50));
        Assert.That(names, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        Assert.That(names, Is.SupersetOf(new[]
        {
            "ConcurrentAsyncGetReportInstances", "DailyApiRequests", "DailyAsyncApexExecutions", "DailyBulkApiBatches",
            "DailyBulkV2QueryFileStorageMB", "DailyBulkV2QueryJobs", "DataStorageMB", "FileStorageMB", "HourlyODataCallout",
            "MassEmail", "PermissionSets", "SingleEmail", "StreamingApiConcurrentClients",
        }));
        foreach (var limit in limits.EnumerateObject())
        {
            Assert.That(limit.Value.GetProperty("Max").GetInt64(), Is.GreaterThanOrEqualTo(0), limit.Name);
            Assert.That(limit.Value.GetProperty("Remaining").GetInt64(), Is.LessThanOrEqualTo(limit.Value.GetProperty("Max").GetInt64()), limit.Name);
        }
        var perApp = limits.GetProperty("DailyApiRequests");
        Assert.That(perApp.GetProperty("emulator-client").GetProperty("Max").GetInt64(), Is.Zero, "the org's connected app is listed");
        Assert.That(perApp.GetProperty("Salesforce CLI").GetProperty("Remaining").GetInt64(), Is.Zero);
        Assert.That(limits.GetProperty("PermissionSets").GetProperty("CreateCustom").GetProperty("Max").GetInt64(), Is.EqualTo(1000));
    }

    [Test]
    public async Task Daily_api_requests_go_down_with_every_request()
    {
        var before = (await GetJson($"{V}/limits")).GetProperty("DailyApiRequests").GetProperty("Remaining").GetInt64();
        await GetJson($"{V}/sobjects");
        var after = (await GetJson($"{V}/limits")).GetProperty("DailyApiRequests").GetProperty("Remaining").GetInt64();

        Assert.That(before - after, Is.EqualTo(2), "the sobjects request and the second limits request");
    }

    [Test]
    public async Task Bulk_batches_go_down_by_one_per_10000_records_a_job_processed()
    {
        async Task<long> RemainingAsync() => (await GetJson($"{V}/limits")).GetProperty("DailyBulkApiBatches").GetProperty("Remaining").GetInt64();
        var before = await RemainingAsync();

        await RunJobAsync("Account", "insert", "Name\nA\nB\n");
        var afterSmall = await RemainingAsync();
        var csv = new StringBuilder("Name\n");
        for (var i = 0; i < 10_001; i++)
            csv.Append('n').Append(i).Append('\n');
        await RunJobAsync("Account", "insert", csv.ToString());
        var afterLarge = await RemainingAsync();
        await RunJobAsync("Account", "insert", "Name\n");
        var afterEmpty = await RemainingAsync();

        Assert.That(before - afterSmall, Is.EqualTo(1));
        Assert.That(afterSmall - afterLarge, Is.EqualTo(2), "10,001 records are two internal batches");
        Assert.That(afterLarge - afterEmpty, Is.Zero, "a job without records uses no batch");
        Assert.That(Host.Jobs.All(), Has.Count.EqualTo(3));
        Assert.That(ApiUsage.RecordsPerBulkBatch, Is.EqualTo(10_000));
    }
}

using Microsoft.Extensions.Time.Testing;
using SalesforceEmulator.Bulk;
using SalesforceEmulator.Bulk.Processing;
using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Bulk;

/// <summary>
/// Support for the lock tests. A transaction of 200 rows locks the parents its rows name through lock-taking relationships (Contact.AccountId
/// by default, by Id or by external id) while its rows are saved; another worker's transaction that needs one waits
/// up to the lock timeout and then fails those rows with UNABLE_TO_LOCK_ROW. On a fake clock: at 1,000 rows/s a
/// transaction holds its parents for 0.2 s.
/// </summary>
public abstract class ParentLockFixture : EmulatorFixture
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>How long a transaction waits for a parent another holds.</summary>
    internal abstract TimeSpan LockTimeout { get; }

    protected FakeTimeProvider Clock => clock;

    protected override EmulatorOptions CreateOptions() =>
        new() { Time = clock, ProcessingRate = 1_000, Workers = 2, LockTimeout = LockTimeout };

    protected async Task<string> AccountAsync(string externalId)
    {
        using var response = await PostJsonAsync($"{V}/sobjects/Account", $$"""{"Name":"Acme {{externalId}}","External_Id__c":"{{externalId}}"}""");
        return (await ReadJson(response)).GetProperty("id").GetString()!;
    }

    protected async Task<IngestJob> CloseAsync(string objectName, string header, Func<int, string> row, int rows = 200)
    {
        var id = await CreateJobAsync(objectName, "insert");
        await UploadAsync(id, header + "\n" + string.Concat(Enumerable.Range(0, rows).Select(i => row(i) + "\n")));
        await PatchStateAsync(id, "UploadComplete");
        return Host.Jobs.Find(id)!;
    }

    protected static async Task WaitForAsync(IngestJob job, Func<IngestJob, bool> condition)
    {
        using var limit = new CancellationTokenSource(WaitLimit);
        await job.WaitUntilAsync(condition, limit.Token);
    }

    /// <summary>Waits until the org's lock table is in the state <paramref name="condition"/> describes.</summary>
    protected async Task WaitForLocksAsync(Func<ParentLocks, bool> condition)
    {
        using var limit = new CancellationTokenSource(WaitLimit);
        await Host.Jobs.Locks.WaitUntilAsync(condition, limit.Token);
    }
}

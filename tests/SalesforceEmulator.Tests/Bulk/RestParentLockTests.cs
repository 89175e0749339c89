using System.Net;
using System.Text;

namespace SalesforceEmulator.Tests.Bulk;

/// <summary>
/// REST writes take the same parent locks as Bulk transactions: a call that names an Account a Bulk worker is saving
/// Contacts of waits for it (on the fake clock) and, past the lock timeout, fails the records that name it.
/// </summary>
public sealed class RestParentLockTests : ParentLockFixture
{
    internal override TimeSpan LockTimeout => TimeSpan.FromMilliseconds(100);

    [Test]
    public async Task A_collections_upsert_that_cannot_lock_its_parent_in_time_fails_only_the_records_that_name_it()
    {
        var account = await AccountAsync("ACME-1");
        await AccountAsync("ACME-2");
        var bulk = await CloseAsync("Contact", "LastName,AccountId", i => $"A{i},{account}");
        await WaitForAsync(bulk, j => j.WaitingForClock);

        var call = UpsertAsync("""
            {"allOrNone":false,"records":[
              {"attributes":{"type":"Contact"},"External_Id__c":"C-1","LastName":"One","Account":{"External_Id__c":"ACME-1"}},
              {"attributes":{"type":"Contact"},"External_Id__c":"C-2","LastName":"Two","Account":{"External_Id__c":"ACME-2"}}]}
            """);
        await WaitForLocksAsync(l => l.WaitingCount == 1);
        var answeredBeforeTimeout = call.IsCompleted;
        Clock.Advance(TimeSpan.FromMilliseconds(100));
        var (status, body) = await call;
        var held = Host.Jobs.Locks.HeldCount;
        Clock.Advance(TimeSpan.FromMilliseconds(100));
        await WaitForAsync(bulk, j => j.Completion.IsCompleted);

        Assert.That(answeredBeforeTimeout, Is.False, "the call waits for the Account the Bulk transaction holds");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Does.Contain($"\"statusCode\":\"UNABLE_TO_LOCK_ROW\",\"message\":\"unable to obtain exclusive access to this record or 2 records: {account}\""));
        Assert.That(body.Split("\"success\":true").Length - 1, Is.EqualTo(1), "the record naming the free Account is saved");
        Assert.That(held, Is.EqualTo(1), "the call released ACME-2; the Bulk transaction still holds ACME-1");
        Assert.That(bulk.Failed, Is.Zero, "the Bulk rows keep their lock");
        Assert.That(await QueryAsync("SELECT Id FROM Contact WHERE External_Id__c = 'C-1'"), Is.Empty);
        Assert.That(Host.Jobs.Locks.HeldCount, Is.Zero);
    }

    [Test]
    public async Task A_composite_subrequest_that_cannot_lock_its_parent_in_time_answers_UNABLE_TO_LOCK_ROW()
    {
        var account = await AccountAsync("ACME-1");
        var bulk = await CloseAsync("Contact", "LastName,AccountId", i => $"A{i},{account}");
        await WaitForAsync(bulk, j => j.WaitingForClock);

        var call = PostJsonAsync($"{V}/composite", $$"""
            {"compositeRequest":[
              {"method":"POST","url":"{{V}}/sobjects/Contact","referenceId":"person","body":{"LastName":"Rest","AccountId":"{{account}}"} }]}
            """);
        await WaitForLocksAsync(l => l.WaitingCount == 1);
        var answeredBeforeTimeout = call.IsCompleted;
        Clock.Advance(TimeSpan.FromMilliseconds(100));
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Clock.Advance(TimeSpan.FromMilliseconds(100));
        await WaitForAsync(bulk, j => j.Completion.IsCompleted);

        Assert.That(answeredBeforeTimeout, Is.False, "the subrequest waits for the Account the Bulk transaction holds");
        Assert.That(body, Does.Contain($"unable to obtain exclusive access to this record or 1 records: {account}"));
        Assert.That(body, Does.Contain("\"errorCode\":\"UNABLE_TO_LOCK_ROW\""));
        Assert.That(await QueryAsync("SELECT Id FROM Contact WHERE LastName = 'Rest'"), Is.Empty);
    }

    private async Task<(HttpStatusCode Status, string Body)> UpsertAsync(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await Client.PatchAsync($"{V}/composite/sobjects/Contact/External_Id__c", content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

/// <summary>With Salesforce's 10-second timeout, a single-record save waits out the Bulk transaction and succeeds.</summary>
public sealed class RestParentLockWaitTests : ParentLockFixture
{
    internal override TimeSpan LockTimeout => TimeSpan.FromSeconds(10);

    [Test]
    public async Task A_single_record_create_waits_for_the_parent_and_is_saved_once_it_is_released()
    {
        var account = await AccountAsync("ACME-1");
        var bulk = await CloseAsync("Contact", "LastName,AccountId", i => $"A{i},{account}");
        await WaitForAsync(bulk, j => j.WaitingForClock);

        var call = PostJsonAsync($"{V}/sobjects/Contact", $$"""{"LastName":"Rest","AccountId":"{{account}}"}""");
        await WaitForLocksAsync(l => l.WaitingCount == 1);
        var answeredWhileHeld = call.IsCompleted;
        Clock.Advance(TimeSpan.FromMilliseconds(200)); // the Bulk transaction of 200 rows at 1,000 rows/s ends
        using var response = await call;

        Assert.That(answeredWhileHeld, Is.False);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        Assert.That(await QueryAsync($"SELECT Id FROM Contact WHERE LastName = 'Rest' AND AccountId = '{account}'"), Has.Count.EqualTo(1));
        Assert.That(Host.Jobs.Locks.HeldCount, Is.Zero);
    }
}

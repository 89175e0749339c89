using SalesforceEmulator.Bulk;

namespace SalesforceEmulator.Tests.Bulk;

/// <summary>With a lock timeout of a tenth of a second, a transaction that needs a held parent gives up on it.</summary>
public sealed class ParentLockTests : ParentLockFixture
{
    internal override TimeSpan LockTimeout => TimeSpan.FromMilliseconds(100);

    [Test]
    public async Task A_transaction_that_cannot_lock_its_parent_in_time_fails_those_rows_by_Id_or_external_id()
    {
        var account = await AccountAsync("ACME-1");
        await AccountAsync("ACME-2");
        var byId = await CloseAsync("Contact", "LastName,AccountId", i => $"A{i},{account}");
        await WaitForAsync(byId, j => j.WaitingForClock);
        // The second job names the same Account through its external id, and a free one on odd rows.
        var byKey = await CloseAsync("Contact", "LastName,Account.External_Id__c", i => $"B{i},{(i % 2 == 0 ? "ACME-1" : "ACME-2")}");
        await WaitForAsync(byKey, j => j.WaitingForLock);
        var locksWhileWaiting = Host.Jobs.Locks.HeldCount;

        Clock.Advance(TimeSpan.FromMilliseconds(100)); // the lock timeout: the second job gives up on ACME-1
        await WaitForAsync(byKey, j => j.WaitingForClock);
        Clock.Advance(TimeSpan.FromMilliseconds(200));
        await WaitForAsync(byId, j => j.Completion.IsCompleted);
        await WaitForAsync(byKey, j => j.Completion.IsCompleted);
        var errors = await ErrorsAsync(byKey.Id);

        Assert.That(locksWhileWaiting, Is.EqualTo(1), "the all-or-nothing wait holds nothing of its own");
        Assert.That(byId.Failed, Is.Zero);
        Assert.That(byKey.Processed, Is.EqualTo(200));
        Assert.That(byKey.Failed, Is.EqualTo(100));
        Assert.That(errors.Distinct(), Is.EqualTo(new[] { $"UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record or 200 records: {account}:--" }));
        Assert.That(Host.Jobs.Locks.HeldCount, Is.Zero);
    }

    [Test]
    public async Task A_lookup_that_takes_no_lock_never_waits()
    {
        var account = await AccountAsync("ACME-1");
        var contacts = await CloseAsync("Contact", "LastName,AccountId", i => $"A{i},{account}");
        await WaitForAsync(contacts, j => j.WaitingForClock);
        var invoices = await CloseAsync("Invoice__c", "Name,Account__c", i => $"I{i},{account}");
        await WaitForAsync(invoices, j => j.WaitingForClock);

        Clock.Advance(TimeSpan.FromMilliseconds(200));
        await WaitForAsync(contacts, j => j.Completion.IsCompleted);
        await WaitForAsync(invoices, j => j.Completion.IsCompleted);

        Assert.That(invoices.Failed, Is.Zero, "Invoice__c.Account__c is a plain lookup");
        Assert.That(invoices.Processed, Is.EqualTo(200), "done in the same 0.2 s, beside the Contacts");
    }
}

/// <summary>With Salesforce's 10-second timeout, the second transaction waits out the first and loses nothing.</summary>
public sealed class ParentLockWaitTests : ParentLockFixture
{
    internal override TimeSpan LockTimeout => TimeSpan.FromSeconds(10);

    [Test]
    public async Task A_transaction_waits_for_the_parent_and_goes_on_once_it_is_released()
    {
        var account = await AccountAsync("ACME-1");
        var first = await CloseAsync("Contact", "LastName,AccountId", i => $"A{i},{account}");
        await WaitForAsync(first, j => j.WaitingForClock);
        var second = await CloseAsync("Contact", "LastName,AccountId", i => $"B{i},{account}");
        await WaitForAsync(second, j => j.WaitingForLock);

        Clock.Advance(TimeSpan.FromMilliseconds(200)); // the first transaction ends and frees the Account
        await WaitForAsync(first, j => j.Completion.IsCompleted);
        await WaitForAsync(second, j => j.WaitingForClock && !j.WaitingForLock);
        var doneOnRelease = second.IsRowDone(0);
        Clock.Advance(TimeSpan.FromMilliseconds(200));
        await WaitForAsync(second, j => j.Completion.IsCompleted);

        Assert.That(doneOnRelease, Is.False, "its rows start when the first transaction ends");
        Assert.That(first.Failed, Is.Zero);
        Assert.That(second.Failed, Is.Zero);
        Assert.That(second.Processed, Is.EqualTo(200));
    }
}

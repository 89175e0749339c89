using SalesforceEmulator.Org;
using SalesforceEmulator.Rest;

namespace SalesforceEmulator.Tests.Rest;

/// <summary>The ledger behind `/limits`: spending never passes a maximum, and settings apply whole or not at all.</summary>
public sealed class LimitLedgerTests
{
    [Test]
    public async Task Requests_racing_for_the_last_units_never_spend_past_the_maximum()
    {
        var ledger = new LimitLedger();
        ledger.Apply(new Dictionary<string, LimitSetting> { [LimitLedger.DailyApiRequests] = new() { Max = 100, Remaining = 50 } }, "test");

        var spent = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => ledger.TrySpend(LimitLedger.DailyApiRequests, 1, out long _, out long _))));

        Assert.That(spent.Count(s => s), Is.EqualTo(50));
        Assert.That(ledger.Used(LimitLedger.DailyApiRequests), Is.EqualTo(100));
        Assert.That(ledger.Remaining(LimitLedger.DailyApiRequests), Is.Zero);
    }

    [Test]
    public void Max_alone_keeps_what_was_spent_and_remaining_alone_keeps_the_maximum()
    {
        var ledger = new LimitLedger();
        ledger.Spend(LimitLedger.DailyBulkApiBatches, 30);

        ledger.Apply(new Dictionary<string, LimitSetting> { ["dailybulkapibatches"] = new() { Max = 100 } }, "test");
        var afterMax = ledger.Remaining(LimitLedger.DailyBulkApiBatches);
        ledger.Apply(new Dictionary<string, LimitSetting> { [LimitLedger.DailyBulkApiBatches] = new() { Remaining = 5 } }, "test");

        Assert.That(afterMax, Is.EqualTo(70));
        Assert.That(ledger.Max(LimitLedger.DailyBulkApiBatches), Is.EqualTo(100));
        Assert.That(ledger.Used(LimitLedger.DailyBulkApiBatches), Is.EqualTo(95));
    }

    [Test]
    public void A_bad_entry_leaves_the_good_ones_of_the_same_settings_unapplied()
    {
        var ledger = new LimitLedger();

        var error = Assert.Throws<ArgumentException>(() => ledger.Apply(new Dictionary<string, LimitSetting>
        {
            [LimitLedger.DailyApiRequests] = new() { Max = 10 },
            ["NoSuchLimit"] = new() { Max = 1 },
        }, "org.json: limits"));

        Assert.That(error!.Message, Does.StartWith("org.json: limits: NoSuchLimit:"));
        Assert.That(ledger.Max(LimitLedger.DailyApiRequests), Is.EqualTo(15000));
    }

    [Test]
    public void Spending_past_the_maximum_reports_none_remaining()
    {
        var ledger = new LimitLedger();
        ledger.Apply(new Dictionary<string, LimitSetting> { [LimitLedger.DailyBulkApiBatches] = new() { Max = 2 } }, "test");

        ledger.Spend(LimitLedger.DailyBulkApiBatches, 3);

        Assert.That(ledger.Remaining(LimitLedger.DailyBulkApiBatches), Is.Zero);
        Assert.That(ledger.TrySpend(LimitLedger.DailyBulkApiBatches, 1, out var used, out var max), Is.False);
        Assert.That((used, max), Is.EqualTo((3L, 2L)));
    }
}

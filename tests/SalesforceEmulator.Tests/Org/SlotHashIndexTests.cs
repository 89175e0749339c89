using SalesforceEmulator.Org;

namespace SalesforceEmulator.Tests.Org;

public sealed class SlotHashIndexTests
{
    private static List<int> SlotsUnder(SlotHashIndex index, int hash)
    {
        var slots = new List<int>();
        var candidates = index.Find(hash);
        while (candidates.MoveNext())
            slots.Add(candidates.Slot);
        return slots;
    }

    [Test]
    public void Entries_sharing_a_hash_are_all_found_and_removed_one_by_one()
    {
        var index = new SlotHashIndex();
        index.Add(7, 1);
        index.Add(7, 2);
        index.Add(7 + 16, 3); // the same bucket, another hash

        Assert.That(SlotsUnder(index, 7), Is.EquivalentTo(new[] { 1, 2 }));
        Assert.That(SlotsUnder(index, 7 + 16), Is.EqualTo(new[] { 3 }));

        Assert.That(index.Remove(7, 1), Is.True);
        Assert.That(index.Remove(7, 1), Is.False);
        Assert.That(index.Remove(7, 3), Is.False, "slot 3 is filed under another hash");
        Assert.That(SlotsUnder(index, 7), Is.EqualTo(new[] { 2 }));
        Assert.That(index.Count, Is.EqualTo(2));
    }

    [Test]
    public void Many_entries_survive_growth_and_reuse_of_freed_entries()
    {
        var index = new SlotHashIndex();
        for (var slot = 0; slot < 10_000; slot++)
            index.Add(slot % 997, slot);
        for (var slot = 0; slot < 10_000; slot += 2)
            Assert.That(index.Remove(slot % 997, slot), Is.True);
        for (var slot = 10_000; slot < 12_000; slot++)
            index.Add(slot % 997, slot);

        Assert.That(index.Count, Is.EqualTo(7_000));
        for (var hash = 0; hash < 997; hash++)
        {
            var expected = Enumerable.Range(0, 12_000).Where(s => s % 997 == hash && (s >= 10_000 || s % 2 == 1));
            Assert.That(SlotsUnder(index, hash), Is.EquivalentTo(expected), $"hash {hash}");
        }
    }

    [Test]
    public void Stamps_follow_the_order_entries_were_added()
    {
        var index = new SlotHashIndex();
        index.Add(5, 10);
        index.Add(5, 20);
        index.Remove(5, 10);
        index.Add(5, 10);

        var stamps = new Dictionary<int, long>();
        var candidates = index.Find(5);
        while (candidates.MoveNext())
            stamps[candidates.Slot] = candidates.Stamp;

        Assert.That(stamps[20], Is.LessThan(stamps[10]));
    }
}

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
    public void Entries_sharing_a_hash_are_found_in_the_order_they_were_added()
    {
        var index = new SlotHashIndex();
        index.Add(5, 10);
        index.Add(5 + 16, 99); // the same home cell, another hash
        index.Add(5, 20);
        index.Remove(5, 10);
        index.Add(5, 10);
        index.Add(5, 30);

        Assert.That(SlotsUnder(index, 5), Is.EqualTo(new[] { 20, 10, 30 }));
    }

    [Test]
    public void The_order_of_entries_sharing_a_hash_survives_rebuilds_and_wrapping_past_the_last_cell()
    {
        var index = new SlotHashIndex();
        // Hash -1 lands in the last cell at every size, so its run wraps round to the first cells.
        var expected = new List<int>();
        for (var slot = 0; slot < 5_000; slot++)
        {
            index.Add(-1, slot);
            expected.Add(slot);
            index.Add(slot * 31, 100_000 + slot); // other entries crowding the table
            if (slot % 3 == 0)
            {
                Assert.That(index.Remove(-1, slot / 2), Is.True);
                expected.Remove(slot / 2);
            }
        }

        Assert.That(SlotsUnder(index, -1), Is.EqualTo(expected));
        Assert.That(index.Count, Is.EqualTo(expected.Count + 5_000));
    }

    [Test]
    public void Removals_and_additions_in_turn_keep_every_live_entry_findable()
    {
        var index = new SlotHashIndex();
        for (var slot = 0; slot < 100; slot++)
            index.Add(slot * 7919, slot);
        for (var round = 0; round < 10_000; round++)
        {
            var slot = round % 100;
            Assert.That(index.Remove(slot * 7919, slot), Is.True, $"round {round}");
            index.Add(slot * 7919, slot);
        }

        Assert.That(index.Count, Is.EqualTo(100));
        for (var slot = 0; slot < 100; slot++)
            Assert.That(SlotsUnder(index, slot * 7919), Is.EqualTo(new[] { slot }));
    }
}

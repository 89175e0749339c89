using SalesforceEmulator.Org;

namespace SalesforceEmulator.Tests.Org;

public sealed class ValueIndexTests
{
    private static List<int> SlotsUnder(SlotHashIndex.Candidates candidates)
    {
        var slots = new List<int>();
        while (candidates.MoveNext())
            slots.Add(candidates.Slot);
        return slots;
    }

    [TestCase(50)]
    [TestCase(20_000)] // past the notes an index keeps before applying them unasked
    public void Changes_noted_before_a_search_leave_the_index_as_changes_applied_at_once(int changes)
    {
        var deferred = new ValueIndex(ordinal: 1);
        var immediate = new SlotHashIndex();
        var random = new Random(7);
        var live = new List<(int Hash, int Slot)>();
        for (var i = 0; i < changes; i++)
        {
            if (live.Count > 0 && random.Next(3) == 0)
            {
                var (hash, slot) = live[random.Next(live.Count)];
                live.Remove((hash, slot));
                deferred.Remove(hash, slot);
                immediate.Remove(hash, slot);
            }
            else
            {
                // Few hashes, so many entries share one and their order is tested; slots are reused.
                var hash = random.Next(40);
                var slot = random.Next(changes / 2 + 1);
                if (live.Contains((hash, slot)))
                    continue;
                live.Add((hash, slot));
                deferred.Add(hash, slot);
                immediate.Add(hash, slot);
            }
        }

        Assert.That(deferred.Count, Is.EqualTo(live.Count));
        for (var hash = 0; hash < 40; hash++)
            Assert.That(SlotsUnder(deferred.Find(hash)), Is.EqualTo(SlotsUnder(immediate.Find(hash))), $"hash {hash}");
    }

    [Test]
    public void Changes_after_a_search_are_seen_by_the_next_one()
    {
        var index = new ValueIndex(ordinal: 1);
        index.Add(3, 1);
        Assert.That(SlotsUnder(index.Find(3)), Is.EqualTo(new[] { 1 }));

        index.Add(3, 2);
        index.Remove(3, 1);
        index.Add(3, 1);

        Assert.That(SlotsUnder(index.Find(3)), Is.EqualTo(new[] { 2, 1 }));
        index.Clear();
        Assert.That(SlotsUnder(index.Find(3)), Is.Empty);
        Assert.That(index.Count, Is.Zero);
    }
}

namespace SalesforceEmulator.Org;

/// <summary>
/// A multi-map from a 32-bit key hash to record slot numbers, in one plain array of (hash, slot) pairs: no object
/// and no string per key, nothing the garbage collector has to trace, and a lookup usually reads one cache line.
/// It knows only hashes, so a hash match is a candidate that the owner confirms against the stored value.
/// </summary>
/// <remarks>
/// Open addressing with linear probing. An entry goes to the first never-used cell of its probe run (a removed
/// entry leaves a marker that is skipped, not reused), so entries sharing a hash lie along the run in the order they
/// were added, and a rebuild keeps that order. That is what lets several records holding one value be listed oldest
/// first without a stamp per entry.
/// </remarks>
internal sealed class SlotHashIndex
{
    private const int MinCapacity = 16;
    private const int Empty = 0;
    private const int Removed = -1;

    private Entry[] entries = new Entry[MinCapacity];
    private int live;
    private int removed; // cells holding the removed marker: still part of probe runs until the next rebuild

    public int Count => live;

    public void Add(int hash, int slot)
    {
        // Keep at least a quarter of the cells never used, so probe runs stay short.
        if ((live + removed + 1) * 4L > entries.Length * 3L)
            Rebuild();
        var mask = entries.Length - 1;
        var cell = hash & mask;
        while (entries[cell].SlotPlusOne != Empty)
            cell = (cell + 1) & mask;
        entries[cell] = new Entry { Hash = hash, SlotPlusOne = slot + 1 };
        live++;
    }

    /// <summary>Removes the entry of <paramref name="slot"/> under <paramref name="hash"/>; false when there is none.</summary>
    public bool Remove(int hash, int slot)
    {
        var mask = entries.Length - 1;
        for (var cell = hash & mask; entries[cell].SlotPlusOne != Empty; cell = (cell + 1) & mask)
        {
            ref var entry = ref entries[cell];
            if (entry.Hash == hash && entry.SlotPlusOne == slot + 1)
            {
                entry.SlotPlusOne = Removed;
                live--;
                removed++;
                return true;
            }
        }
        return false;
    }

    /// <summary>The slots filed under <paramref name="hash"/> (and possibly under others sharing it), oldest first.</summary>
    public Candidates Find(int hash) => new(entries, hash);

    public void Clear()
    {
        entries = new Entry[MinCapacity];
        live = 0;
        removed = 0;
    }

    /// <summary>Moves the live entries into a fresh array sized for them, dropping removed markers.</summary>
    private void Rebuild()
    {
        var capacity = MinCapacity;
        while ((live + 1) * 2L > capacity)
            capacity *= 2;
        var old = entries;
        entries = new Entry[capacity];
        var mask = capacity - 1;
        // Walking the old cells from just past a never-used one visits every probe run from its start, so entries
        // sharing a hash are re-added in the order they were first added.
        var start = 0;
        while (old[start].SlotPlusOne != Empty)
            start++;
        for (var i = 1; i <= old.Length; i++)
        {
            var entry = old[(start + i) & (old.Length - 1)];
            if (entry.SlotPlusOne <= 0)
                continue;
            var cell = entry.Hash & mask;
            while (entries[cell].SlotPlusOne != Empty)
                cell = (cell + 1) & mask;
            entries[cell] = entry;
        }
        removed = 0;
    }

    internal struct Entry
    {
        public int Hash;
        public int SlotPlusOne; // 0: never used; -1: removed
    }

    /// <summary>Walks one hash's entries: <see cref="Slot"/> of each in turn, oldest first.</summary>
    public struct Candidates(Entry[] entries, int hash)
    {
        private int cell = -1;

        public readonly int Slot => entries[cell].SlotPlusOne - 1;

        public bool MoveNext()
        {
            var mask = entries.Length - 1;
            cell = cell < 0 ? hash & mask : (cell + 1) & mask;
            while (true)
            {
                ref var entry = ref entries[cell];
                if (entry.SlotPlusOne == Empty)
                    return false;
                if (entry.Hash == hash && entry.SlotPlusOne > 0)
                    return true;
                cell = (cell + 1) & mask;
            }
        }
    }
}

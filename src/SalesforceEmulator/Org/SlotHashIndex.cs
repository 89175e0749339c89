namespace SalesforceEmulator.Org;

/// <summary>
/// A multi-map from a 32-bit key hash to record slot numbers, in plain int arrays: no object and no string per key,
/// and nothing in it the garbage collector has to trace. It knows only hashes, so a hash match is a candidate that
/// the owner confirms against the stored value. Each entry carries the order it was added in, so several records
/// holding one value can be listed oldest first.
/// </summary>
internal sealed class SlotHashIndex
{
    private int[] buckets = new int[16]; // 1-based entry number of each chain's head; 0 is an empty bucket
    private Entry[] entries = new Entry[16];
    private int used; // entries handed out, free ones included
    private int freeList = -1;
    private int freeCount;
    private long nextStamp;

    public int Count => used - freeCount;

    public void Add(int hash, int slot)
    {
        if (used == entries.Length && freeCount == 0)
            Grow();
        int entry;
        if (freeCount > 0)
        {
            entry = freeList;
            freeList = entries[entry].Next;
            freeCount--;
        }
        else
        {
            entry = used++;
        }
        ref var bucket = ref buckets[BucketOf(hash)];
        entries[entry] = new Entry { Hash = hash, Slot = slot, Next = bucket - 1, Stamp = nextStamp++ };
        bucket = entry + 1;
    }

    /// <summary>Removes the entry of <paramref name="slot"/> under <paramref name="hash"/>; false when there is none.</summary>
    public bool Remove(int hash, int slot)
    {
        ref var bucket = ref buckets[BucketOf(hash)];
        var previous = -1;
        for (var entry = bucket - 1; entry >= 0; previous = entry, entry = entries[entry].Next)
        {
            ref var candidate = ref entries[entry];
            if (candidate.Hash != hash || candidate.Slot != slot)
                continue;
            if (previous < 0)
                bucket = candidate.Next + 1;
            else
                entries[previous].Next = candidate.Next;
            candidate = new Entry { Next = freeList };
            freeList = entry;
            freeCount++;
            return true;
        }
        return false;
    }

    /// <summary>The slots filed under <paramref name="hash"/> (and possibly others sharing its bucket's hash), newest first.</summary>
    public Candidates Find(int hash) => new(this, hash);

    public void Clear()
    {
        buckets = new int[16];
        entries = new Entry[16];
        used = 0;
        freeList = -1;
        freeCount = 0;
        nextStamp = 0;
    }

    private int BucketOf(int hash) => (int)((uint)hash % (uint)buckets.Length);

    private void Grow()
    {
        var size = entries.Length * 2;
        Array.Resize(ref entries, size);
        buckets = new int[size];
        for (var entry = 0; entry < used; entry++)
        {
            ref var bucket = ref buckets[BucketOf(entries[entry].Hash)];
            entries[entry].Next = bucket - 1;
            bucket = entry + 1;
        }
    }

    private struct Entry
    {
        public int Hash;
        public int Next; // next entry in the chain (or in the free list); -1 ends it
        public int Slot;
        public long Stamp;
    }

    /// <summary>Walks one hash's entries: <see cref="Slot"/> and <see cref="Stamp"/> of each in turn.</summary>
    public struct Candidates(SlotHashIndex index, int hash)
    {
        private int entry = -2;

        public readonly int Slot => index.entries[entry].Slot;

        /// <summary>When the entry was added, relative to the index's other entries.</summary>
        public readonly long Stamp => index.entries[entry].Stamp;

        public bool MoveNext()
        {
            entry = entry == -2 ? index.buckets[index.BucketOf(hash)] - 1 : index.entries[entry].Next;
            while (entry >= 0 && index.entries[entry].Hash != hash)
                entry = index.entries[entry].Next;
            return entry >= 0;
        }
    }
}

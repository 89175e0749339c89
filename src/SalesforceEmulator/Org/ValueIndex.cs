namespace SalesforceEmulator.Org;

/// <summary>
/// Live records by the value of one lookup field (external id, unique or idLookup), matched case-insensitively:
/// the hashes of the values, pointing at record slots. The table confirms a match against the stored value.
/// </summary>
/// <remarks>
/// Changes are noted in order and applied when the index is next searched. An index nobody searches (an idLookup
/// field a load never keys on) then costs a sequential append per change instead of a random write into a large
/// table; applying the notes in order leaves the index exactly as applying each at once would have.
/// </remarks>
internal sealed class ValueIndex(int ordinal)
{
    // Notes beyond the entries they would leave (updates moving values) are applied rather than kept, so the notes
    // never take much more room than the index they stand for.
    private const int SpareNotes = 4096;

    private readonly SlotHashIndex slots = new();
    private List<long> pending = [];
    private int entries; // entries once the pending notes are applied

    public int Ordinal { get; } = ordinal;

    /// <summary>Entries the index holds (pending changes counted).</summary>
    public int Count => entries;

    public void Add(int hash, int slot)
    {
        Note(hash, slot);
        entries++;
    }

    public void Remove(int hash, int slot)
    {
        Note(hash, ~slot);
        entries--;
    }

    /// <summary>The slots filed under <paramref name="hash"/> (and possibly under others sharing it), oldest first.</summary>
    public SlotHashIndex.Candidates Find(int hash)
    {
        ApplyPending();
        return slots.Find(hash);
    }

    public void Clear()
    {
        slots.Clear();
        pending = [];
        entries = 0;
    }

    private void Note(int hash, int slotOrRemoved)
    {
        pending.Add(((long)hash << 32) | (uint)slotOrRemoved);
        if (pending.Count > entries + SpareNotes)
            ApplyPending();
    }

    private void ApplyPending()
    {
        if (pending.Count == 0)
            return;
        foreach (var note in pending)
        {
            var hash = (int)(note >> 32);
            var slot = (int)note;
            if (slot >= 0)
                slots.Add(hash, slot);
            else
                slots.Remove(hash, ~slot);
        }
        // A long list goes back to the allocator once its notes are in the index.
        if (pending.Capacity > SpareNotes)
            pending = [];
        else
            pending.Clear();
    }
}

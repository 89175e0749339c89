namespace SalesforceEmulator.Org;

/// <summary>
/// The slots of the records a table numbered, by how far each record's sequence number lies past the table's first.
/// An id the emulator issued carries its number, so finding its record is one array read rather than a hash lookup,
/// and it costs 4 bytes per number issued instead of a hash entry per record.
/// </summary>
internal sealed class NumberedSlots
{
    private int[] slots = new int[16]; // slot + 1 by number; 0 for a number not (or no longer) held by a record

    public void Set(long number, int slot)
    {
        if (number >= slots.Length)
            Array.Resize(ref slots, (int)Math.Max(number + 1, slots.Length * 2L));
        slots[number] = slot + 1;
    }

    /// <summary>The slot holding <paramref name="number"/>, or -1 (numbers out of range included).</summary>
    public int Find(long number) => (ulong)number < (ulong)slots.Length ? slots[number] - 1 : -1;

    public void Remove(long number)
    {
        if ((ulong)number < (ulong)slots.Length)
            slots[number] = 0;
    }

    public void Clear() => slots = new int[16];
}

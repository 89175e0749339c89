using System.Text;

namespace SalesforceEmulator.Org;

/// <summary>
/// The records of one object. Writers hold <see cref="SyncRoot"/> across a check-then-write (a unique value,
/// an upsert match) so concurrent jobs cannot both win; members marked "caller locks" expect that.
/// </summary>
/// <remarks>
/// Records sit in numbered slots. A record the table numbered is found by the number its id carries
/// (<see cref="NumberedSlots"/>); ids given from outside (seeds) and the lookup-field indexes map a key's hash to slot
/// numbers and confirm a match against the stored value, so a stored record costs one object plus its bytes in a
/// shared chunk, not a string per id and per key. A freed slot is reused newest first, which keeps the order records are listed in (queries
/// without ORDER BY) what a dictionary of records gave before.
/// </remarks>
public sealed class SObjectTable
{
    private readonly List<SObjectRecord?> slots = [];
    private readonly Stack<int> freeSlots = new();
    private readonly NumberedSlots byNumber = new(); // by sequence less firstSequence
    private readonly SlotHashIndex byGivenId = new();
    private readonly ValueIndex[] indexes;
    private readonly long firstSequence;
    private PackedChunks chunks = new();
    private long nextSequence;
    private char[] scratch = new char[256];
    private readonly int[] byteCounts; // each value's UTF-8 length, measured once for packing

    public SObjectTable(SObjectSchema schema, int seed)
    {
        Schema = schema;
        byteCounts = new int[schema.Fields.Count];
        indexes = schema.Fields
            .Where(field => field.Ordinal != SObjectSchema.IdOrdinal && (field.Unique || field.ExternalId || field.IdLookup))
            .Select(field => new ValueIndex(field.Ordinal))
            .ToArray();
        // Different seeds give different (but repeatable) id ranges.
        firstSequence = (long)(uint)seed % 100_000 * 1_000_000_000L + 1;
        nextSequence = firstSequence;
    }

    public SObjectSchema Schema { get; }

    public object SyncRoot { get; } = new();

    /// <summary>Live (not deleted) records. Caller locks.</summary>
    public int LiveCount { get; private set; }

    /// <summary>A record by 18-character id, deleted ones included. Caller locks.</summary>
    public SObjectRecord? FindById(ReadOnlySpan<char> id18)
    {
        if (id18.Length != SalesforceId.Length)
            return null;
        var slot = FindSlotById(id18);
        return slot < 0 ? null : slots[slot];
    }

    /// <summary>Live records whose indexed field holds the value, oldest indexed first. Caller locks.</summary>
    public IReadOnlyList<SObjectRecord> FindByValue(SObjectField field, ReadOnlySpan<char> value)
    {
        if (field.Ordinal == SObjectSchema.IdOrdinal)
        {
            Span<char> id = stackalloc char[SalesforceId.Length];
            var record = SalesforceId.TryNormalize(value, id) ? FindById(id) : null;
            return record is { IsDeleted: false } ? [record] : [];
        }
        var index = IndexOf(field.Ordinal);
        return index is null ? Scan(field, value) : Find(index, value);
    }

    /// <summary>Stores a new record (values[0] is ignored and set to a new id). Caller locks.</summary>
    public SObjectRecord Insert(string?[] values, string? id = null) => Insert(ValueRow.Of(values), id);

    /// <summary>Stores a new record (the value at the Id ordinal is ignored: the id is kept apart). Caller locks.</summary>
    public SObjectRecord Insert(ValueRow values, string? id = null)
    {
        values.Set(Schema.IsDeleted.Ordinal, "false");
        Span<char> idText = stackalloc char[SalesforceId.Length];
        long sequence = 0;
        if (id is null)
        {
            // A seeded record may already hold the next id in sequence: take the next free one.
            do
            {
                sequence = nextSequence++;
                if (byGivenId.Count > 0)
                    SalesforceId.Write(Schema.KeyPrefix, sequence, idText);
            }
            while (byGivenId.Count > 0 && FindGivenSlot(idText) >= 0);
        }
        else if (id.Length != SalesforceId.Length || FindSlotById(id) >= 0)
        {
            throw new ArgumentException($"{Schema.Name} already holds a record with the id {id}, or it is not an 18-character id.", nameof(id));
        }

        int slot;
        if (freeSlots.Count > 0)
        {
            slot = freeSlots.Pop();
        }
        else
        {
            slot = slots.Count;
            slots.Add(null);
        }
        var record = new SObjectRecord(this, slot, sequence, id);
        Store(record, values);
        slots[slot] = record;
        if (id is null)
            byNumber.Set(sequence - firstSequence, slot);
        else
            byGivenId.Add(string.GetHashCode(id.AsSpan()), slot);
        foreach (var index in indexes)
        {
            if (!values.IsNull(index.Ordinal))
                index.Add(KeyHash(values.GetSpan(index.Ordinal)), slot);
        }
        LiveCount++;
        return record;
    }

    /// <summary>
    /// Replaces the values of a live record (the id excepted) with <paramref name="values"/>, e.g. a copy from
    /// <see cref="SObjectRecord.ToArray"/> with changes merged in, keeping indexes current. Caller locks.
    /// </summary>
    public void Replace(SObjectRecord record, ValueRow values)
    {
        foreach (var index in indexes)
        {
            var hasOld = TryReadStored(record, index.Ordinal, out var old);
            if (hasOld ? !values.IsNull(index.Ordinal) && values.GetSpan(index.Ordinal).SequenceEqual(old) : values.IsNull(index.Ordinal))
                continue;
            if (hasOld)
                index.Remove(KeyHash(old), record.Slot);
            if (!values.IsNull(index.Ordinal))
                index.Add(KeyHash(values.GetSpan(index.Ordinal)), record.Slot);
        }
        Restore(record, values);
    }

    /// <summary>Moves a record to the recycle bin. Caller locks.</summary>
    public void SoftDelete(SObjectRecord record)
    {
        if (record.IsDeleted)
            return;
        RemoveFromIndexes(record);
        record.IsDeleted = true;
        var values = ValueRow.Of(record.ToArray());
        values.Set(Schema.IsDeleted.Ordinal, "true");
        Restore(record, values);
        LiveCount--;
    }

    /// <summary>Removes a record for good (from the recycle bin too). Caller locks.</summary>
    public void HardDelete(SObjectRecord record)
    {
        if (record.Slot < 0)
            return;
        if (!record.IsDeleted)
        {
            RemoveFromIndexes(record);
            LiveCount--;
        }
        if (record.Sequence is { } sequence)
            byNumber.Remove(sequence - firstSequence);
        else
            byGivenId.Remove(string.GetHashCode(record.Id.AsSpan()), record.Slot);
        slots[record.Slot] = null;
        freeSlots.Push(record.Slot);
        record.Slot = -1;
        // The bytes stay where they are for anyone still holding the record; they only count as dead.
        chunks.Release(record.Length);
        CompactIfWasteful();
    }

    /// <summary>A copy of the live record list, for queries. Takes the lock itself.</summary>
    public List<SObjectRecord> SnapshotLive()
    {
        lock (SyncRoot)
        {
            var live = new List<SObjectRecord>(LiveCount);
            foreach (var record in slots)
            {
                if (record is { IsDeleted: false })
                    live.Add(record);
            }
            return live;
        }
    }

    /// <summary>A copy of the record list with the recycle bin's records too, for queryAll. Takes the lock itself.</summary>
    public List<SObjectRecord> SnapshotWithDeleted()
    {
        lock (SyncRoot)
        {
            var all = new List<SObjectRecord>(slots.Count);
            foreach (var record in slots)
            {
                if (record is not null)
                    all.Add(record);
            }
            return all;
        }
    }

    /// <summary>Takes a record back out of the recycle bin (a write rolled back). Caller locks.</summary>
    public void Undelete(SObjectRecord record)
    {
        if (!record.IsDeleted || record.Slot < 0)
            return;
        record.IsDeleted = false;
        var values = ValueRow.Of(record.ToArray());
        values.Set(Schema.IsDeleted.Ordinal, "false");
        Restore(record, values);
        foreach (var index in indexes)
        {
            if (!values.IsNull(index.Ordinal))
                index.Add(KeyHash(values.GetSpan(index.Ordinal)), record.Slot);
        }
        LiveCount++;
    }

    /// <summary>Forgets every record and restarts the id sequence. Takes the lock itself.</summary>
    public void Clear()
    {
        lock (SyncRoot)
        {
            slots.Clear();
            freeSlots.Clear();
            byNumber.Clear();
            byGivenId.Clear();
            foreach (var index in indexes)
                index.Clear();
            chunks = new PackedChunks();
            LiveCount = 0;
            nextSequence = firstSequence;
        }
    }

    /// <summary>Stored bytes: those of live records and those given up since (for tests and stats).</summary>
    internal (long Live, long Dead) PackedBytes => (chunks.LiveBytes, chunks.DeadBytes);

    private int FindSlotById(ReadOnlySpan<char> id18)
    {
        if (SalesforceId.TryReadSequence(Schema.KeyPrefix, id18, out var sequence))
        {
            var slot = byNumber.Find(sequence - firstSequence);
            if (slot >= 0)
                return slot;
        }
        return byGivenId.Count > 0 ? FindGivenSlot(id18) : -1;
    }

    private int FindGivenSlot(ReadOnlySpan<char> id18)
    {
        Span<char> stored = stackalloc char[SalesforceId.Length];
        var candidates = byGivenId.Find(string.GetHashCode(id18));
        while (candidates.MoveNext())
        {
            slots[candidates.Slot]!.WriteId(stored);
            if (stored.SequenceEqual(id18))
                return candidates.Slot;
        }
        return -1;
    }

    /// <summary>Several records holding one value are listed in the order they came to hold it (the index's order).</summary>
    private IReadOnlyList<SObjectRecord> Find(ValueIndex index, ReadOnlySpan<char> value)
    {
        List<SObjectRecord>? found = null;
        var candidates = index.Find(KeyHash(value));
        while (candidates.MoveNext())
        {
            var record = slots[candidates.Slot]!;
            if (TryReadStored(record, index.Ordinal, out var stored) && stored.Equals(value, StringComparison.OrdinalIgnoreCase))
                (found ??= []).Add(record);
        }
        if (found is null)
            return Array.Empty<SObjectRecord>(); // most lookups of an upsert find nothing: no list for them
        return found;
    }

    private List<SObjectRecord> Scan(SObjectField field, ReadOnlySpan<char> value)
    {
        var found = new List<SObjectRecord>();
        foreach (var record in slots)
        {
            if (record is { IsDeleted: false } && TryReadStored(record, field.Ordinal, out var stored)
                && stored.Equals(value, StringComparison.OrdinalIgnoreCase))
                found.Add(record);
        }
        return found;
    }

    private ValueIndex? IndexOf(int ordinal)
    {
        foreach (var index in indexes)
        {
            if (index.Ordinal == ordinal)
                return index;
        }
        return null;
    }

    private void RemoveFromIndexes(SObjectRecord record)
    {
        foreach (var index in indexes)
        {
            if (TryReadStored(record, index.Ordinal, out var value))
                index.Remove(KeyHash(value), record.Slot);
        }
    }

    /// <summary>
    /// A stored value decoded into the table's scratch buffer (valid until the next call); false for null.
    /// Caller locks.
    /// </summary>
    private bool TryReadStored(SObjectRecord record, int ordinal, out ReadOnlySpan<char> value)
    {
        if (!PackedValues.TryGetBytes(record.Packed, ordinal, out var bytes))
        {
            value = default;
            return false;
        }
        if (scratch.Length < bytes.Length)
            scratch = new char[Math.Max(bytes.Length, scratch.Length * 2)];
        value = scratch.AsSpan(0, Encoding.UTF8.GetChars(bytes, scratch));
        return true;
    }

    private void Store(SObjectRecord record, ValueRow values)
    {
        // The id is packed as null: a record keeps it apart.
        var size = PackedValues.SizeOf(values, SObjectSchema.IdOrdinal, byteCounts);
        var chunk = chunks.Allocate(size, out var offset);
        PackedValues.Write(values, SObjectSchema.IdOrdinal, byteCounts, chunk.AsSpan(offset, size));
        record.MoveTo(chunk, offset, size);
    }

    /// <summary>Writes a record's new values to fresh space; the old bytes become dead.</summary>
    private void Restore(SObjectRecord record, ValueRow values)
    {
        chunks.Release(record.Length);
        Store(record, values);
        CompactIfWasteful();
    }

    /// <summary>Copies every record's bytes into fresh chunks once dead bytes outweigh live ones.</summary>
    private void CompactIfWasteful()
    {
        if (!chunks.ShouldCompact)
            return;
        var fresh = new PackedChunks();
        foreach (var record in slots)
        {
            if (record is null)
                continue;
            var chunk = fresh.Allocate(record.Length, out var offset);
            record.Packed.CopyTo(chunk.AsSpan(offset));
            record.MoveTo(chunk, offset, record.Length);
        }
        chunks = fresh;
    }

    // Lookup-field values match case-insensitively.
    private static int KeyHash(ReadOnlySpan<char> value) => string.GetHashCode(value, StringComparison.OrdinalIgnoreCase);
}

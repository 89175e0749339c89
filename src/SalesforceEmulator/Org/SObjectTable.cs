namespace SalesforceEmulator.Org;

/// <summary>
/// The records of one object. Writers hold <see cref="SyncRoot"/> across a check-then-write (a unique value,
/// an upsert match) so concurrent jobs cannot both win; members marked "caller locks" expect that.
/// </summary>
public sealed class SObjectTable
{
    private readonly Dictionary<string, SObjectRecord> byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SObjectRecord>.AlternateLookup<ReadOnlySpan<char>> byIdSpan;
    private readonly Dictionary<int, ValueIndex> indexes = [];
    private readonly long firstSequence;
    private long nextSequence;

    public SObjectTable(SObjectSchema schema, int seed)
    {
        Schema = schema;
        byIdSpan = byId.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var field in schema.Fields)
        {
            if (field.Ordinal != SObjectSchema.IdOrdinal && (field.Unique || field.ExternalId || field.IdLookup))
                indexes[field.Ordinal] = new ValueIndex();
        }
        // Different seeds give different (but repeatable) id ranges.
        firstSequence = (long)(uint)seed % 100_000 * 1_000_000_000L + 1;
        nextSequence = firstSequence;
    }

    public SObjectSchema Schema { get; }

    public object SyncRoot { get; } = new();

    /// <summary>Live (not deleted) records. Caller locks.</summary>
    public int LiveCount { get; private set; }

    /// <summary>A record by 18-character id, deleted ones included. Caller locks.</summary>
    public SObjectRecord? FindById(ReadOnlySpan<char> id18) => byIdSpan.TryGetValue(id18, out var record) ? record : null;

    /// <summary>Live records whose indexed field holds the value. Caller locks.</summary>
    public IReadOnlyList<SObjectRecord> FindByValue(SObjectField field, ReadOnlySpan<char> value)
    {
        if (field.Ordinal == SObjectSchema.IdOrdinal)
        {
            Span<char> id = stackalloc char[SalesforceId.Length];
            var record = SalesforceId.TryNormalize(value, id) ? FindById(id) : null;
            return record is { IsDeleted: false } ? [record] : [];
        }
        return indexes.TryGetValue(field.Ordinal, out var index) ? index.Find(value) : Scan(field, value.ToString());
    }

    /// <summary>Stores a new record (values[0] is ignored and set to a new id). Caller locks.</summary>
    public SObjectRecord Insert(string?[] values, string? id = null) => Insert(ValueRow.Of(values), id);

    /// <summary>Stores a new record (the value at the Id ordinal is ignored and set to the new id). Caller locks.</summary>
    public SObjectRecord Insert(ValueRow values, string? id = null)
    {
        values.Set(Schema.IsDeleted.Ordinal, "false");
        SObjectRecord record;
        if (id is null)
        {
            // A seeded record may already hold the next id in sequence: take the next free one (one lookup each).
            do
            {
                id = SalesforceId.Create(Schema.KeyPrefix, nextSequence++);
                values.Set(SObjectSchema.IdOrdinal, id);
                record = new SObjectRecord(id, values);
            }
            while (!byId.TryAdd(id, record));
        }
        else
        {
            values.Set(SObjectSchema.IdOrdinal, id);
            record = new SObjectRecord(id, values);
            byId.Add(id, record);
        }
        foreach (var (ordinal, index) in indexes)
        {
            if (values.GetString(ordinal) is { } value)
                index.Add(value, record);
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
        foreach (var (ordinal, index) in indexes)
        {
            var old = record[ordinal];
            if (values.ValueEquals(ordinal, old))
                continue;
            if (old is not null)
                index.Remove(old, record);
            if (values.GetString(ordinal) is { } value)
                index.Add(value, record);
        }
        record.Replace(values);
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
        record.Replace(values);
        LiveCount--;
    }

    /// <summary>Removes a record for good (from the recycle bin too). Caller locks.</summary>
    public void HardDelete(SObjectRecord record)
    {
        if (!record.IsDeleted)
        {
            RemoveFromIndexes(record);
            LiveCount--;
        }
        byId.Remove(record.Id);
    }

    /// <summary>A copy of the live record list, for queries. Takes the lock itself.</summary>
    public List<SObjectRecord> SnapshotLive()
    {
        lock (SyncRoot)
        {
            var live = new List<SObjectRecord>(LiveCount);
            foreach (var record in byId.Values)
            {
                if (!record.IsDeleted)
                    live.Add(record);
            }
            return live;
        }
    }

    /// <summary>Forgets every record and restarts the id sequence. Takes the lock itself.</summary>
    public void Clear()
    {
        lock (SyncRoot)
        {
            byId.Clear();
            foreach (var index in indexes.Values)
                index.Clear();
            LiveCount = 0;
            nextSequence = firstSequence;
        }
    }

    private void RemoveFromIndexes(SObjectRecord record)
    {
        foreach (var (ordinal, index) in indexes)
        {
            if (record[ordinal] is { } value)
                index.Remove(value, record);
        }
    }

    private List<SObjectRecord> Scan(SObjectField field, string value)
    {
        var found = new List<SObjectRecord>();
        foreach (var record in byId.Values)
        {
            if (!record.IsDeleted && string.Equals(record[field.Ordinal], value, StringComparison.OrdinalIgnoreCase))
                found.Add(record);
        }
        return found;
    }
}

namespace SalesforceEmulator.Org;

/// <summary>
/// One stored record: a handle on its values, which its table keeps packed (<see cref="PackedValues"/>) in shared
/// chunks (<see cref="PackedChunks"/>). A record the emulator numbered keeps that number rather than an id string;
/// the string is made when asked for. Values are changed only through <see cref="SObjectTable"/>, which keeps its
/// indexes in step, and are read under the table's lock (a compaction may move them).
/// </summary>
public sealed class SObjectRecord
{
    private readonly SObjectTable table;
    private readonly long sequence;
    private readonly string? givenId;

    internal SObjectRecord(SObjectTable table, int slot, long sequence, string? givenId)
    {
        this.table = table;
        Slot = slot;
        this.sequence = sequence;
        this.givenId = givenId;
    }

    /// <summary>The 18-character id (a new string for a numbered record).</summary>
    public string Id => givenId ?? SalesforceId.Create(table.Schema.KeyPrefix, sequence);

    public int FieldCount => table.Schema.Fields.Count;

    /// <summary>The sequence number the table numbered this record with; null for a record stored with an id of its own.</summary>
    internal long? Sequence => givenId is null ? sequence : null;

    /// <summary>In the recycle bin: invisible to queries and lookups, but its id still answers ENTITY_IS_DELETED.</summary>
    public bool IsDeleted { get; internal set; }

    /// <summary>Where the record sits in its table (-1 once hard-deleted).</summary>
    internal int Slot { get; set; }

    /// <summary>The array holding the packed values, their offset and length. Owner: the table, under its lock.</summary>
    internal byte[] Chunk { get; private set; } = [];

    internal int Offset { get; private set; }

    internal int Length { get; private set; }

    internal ReadOnlySpan<byte> Packed => Chunk.AsSpan(Offset, Length);

    /// <summary>A field's stored value (null for a null field), decoded on each read.</summary>
    public string? this[int ordinal]
    {
        get
        {
            if (ordinal == SObjectSchema.IdOrdinal)
                return Id;
            lock (table.SyncRoot)
                return PackedValues.Get(Packed, ordinal);
        }
    }

    /// <summary>Every value in field order, the id first: a copy to merge changes into.</summary>
    public string?[] ToArray()
    {
        string?[] values;
        lock (table.SyncRoot)
            values = PackedValues.Unpack(Packed, FieldCount);
        values[SObjectSchema.IdOrdinal] = Id;
        return values;
    }

    /// <summary>Writes the 18-character id into <paramref name="id"/>, making no string.</summary>
    internal void WriteId(Span<char> id)
    {
        if (givenId is null)
            SalesforceId.Write(table.Schema.KeyPrefix, sequence, id);
        else
            givenId.AsSpan().CopyTo(id);
    }

    internal void MoveTo(byte[] chunk, int offset, int length)
    {
        Chunk = chunk;
        Offset = offset;
        Length = length;
    }
}

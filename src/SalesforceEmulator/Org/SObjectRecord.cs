namespace SalesforceEmulator.Org;

/// <summary>
/// One stored record: its id, and its other values in field order packed into one UTF-8 array
/// (<see cref="PackedValues"/>), the compact form that keeps memory proportional to the data.
/// Values are changed only through <see cref="SObjectTable"/>, which keeps its indexes in step.
/// </summary>
public sealed class SObjectRecord
{
    private byte[] packed;

    /// <summary>A record of the given values (values[<see cref="SObjectSchema.IdOrdinal"/>] is ignored: the id is kept apart).</summary>
    internal SObjectRecord(string id, ValueRow values)
    {
        Id = id;
        FieldCount = values.Count;
        packed = Pack(values);
    }

    public string Id { get; }

    public int FieldCount { get; }

    /// <summary>In the recycle bin: invisible to queries and lookups, but its id still answers ENTITY_IS_DELETED.</summary>
    public bool IsDeleted { get; set; }

    /// <summary>A field's stored value (null for a null field), decoded on each read.</summary>
    public string? this[int ordinal] => ordinal == SObjectSchema.IdOrdinal ? Id : PackedValues.Get(packed, ordinal);

    /// <summary>Every value in field order, the id first: a copy to merge changes into.</summary>
    public string?[] ToArray()
    {
        var values = PackedValues.Unpack(packed, FieldCount);
        values[SObjectSchema.IdOrdinal] = Id;
        return values;
    }

    /// <summary>Replaces every value but the id. Called by the table, which updates its indexes first.</summary>
    internal void Replace(ValueRow values) => packed = Pack(values);

    // The id slot is packed as null: the id string is held once, in Id.
    private static byte[] Pack(ValueRow values) => PackedValues.Pack(values, SObjectSchema.IdOrdinal);
}

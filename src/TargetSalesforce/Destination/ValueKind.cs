namespace TargetSalesforce.Destination;

/// <summary>What kind of value a record holds, by JSON's types (a date-time the reader already parsed is its own kind).</summary>
public enum ValueKind
{
    Null,
    String,
    Integer,
    Number,
    Boolean,

    /// <summary>A date-time the record's reader turned into a <see cref="DateTimeOffset"/> or <see cref="DateTime"/>.</summary>
    DateTime,
    Object,
    Array,

    /// <summary>Anything else the reader accepted (JSON's `undefined`, say); no field takes it.</summary>
    Unsupported,
}

namespace TargetSalesforce.Destination;

/// <summary>
/// One value of a record: its kind and its plain .NET value, with no wrapper object around a scalar
/// (most records hold nothing but scalars, and a wrapper per value would be the largest cost of a row).
/// </summary>
public readonly struct RecordValue
{
    private readonly object? value;

    private RecordValue(ValueKind kind, object? value)
    {
        Kind = kind;
        this.value = value;
    }

    public ValueKind Kind { get; }

    /// <summary>
    /// The .NET value of a scalar: string; long or BigInteger; decimal or double; bool; DateTimeOffset or
    /// DateTime. For <see cref="ValueKind.Unsupported"/>, the reader's name for its kind. Null otherwise.
    /// </summary>
    public object? Scalar => Kind is ValueKind.Object or ValueKind.Array ? null : value;

    /// <summary>The text of a string value, else null.</summary>
    public string? Text => Kind == ValueKind.String ? value as string : null;

    /// <summary>The properties of an object value, else null.</summary>
    public IRecordView? Object => value as IRecordView;

    /// <summary>The items of an array value, else null.</summary>
    public IReadOnlyList<RecordValue>? Items => Kind == ValueKind.Array ? value as IReadOnlyList<RecordValue> : null;

    public static RecordValue Null => default;

    /// <summary>A scalar of <paramref name="kind"/>; see <see cref="Scalar"/> for the .NET types each kind holds.</summary>
    public static RecordValue Of(ValueKind kind, object? scalar) => new(kind, scalar);

    public static RecordValue Of(IRecordView properties) => new(ValueKind.Object, properties);

    public static RecordValue Of(IReadOnlyList<RecordValue> items) => new(ValueKind.Array, items);

    /// <summary>A value no field takes, named the way its reader names its kind (for messages).</summary>
    public static RecordValue Unsupported(string kindName) => new(ValueKind.Unsupported, kindName);
}

namespace TargetSalesforce.Destination;

/// <summary>
/// One value of a record: its kind and its plain .NET value, with no wrapper object around a scalar
/// (most records hold nothing but scalars, and a wrapper per value would be the largest cost of a row).
/// A string may come as UTF-8 bytes (<see cref="Utf8Text"/>), which a writer can copy into its own UTF-8
/// without the string; <see cref="Text"/> and <see cref="Scalar"/> still give the string.
/// </summary>
public readonly struct RecordValue
{
    // For a string held as UTF-8, value is a byte[] (no other value is one) and the memory says where.
    private readonly object? value;
    private readonly int start;
    private readonly int length;

    private RecordValue(ValueKind kind, object? value)
    {
        Kind = kind;
        this.value = value;
    }

    private RecordValue(byte[] utf8, int start, int length)
    {
        Kind = ValueKind.String;
        value = utf8;
        this.start = start;
        this.length = length;
    }

    public ValueKind Kind { get; }

    /// <summary>
    /// The .NET value of a scalar: string; long or BigInteger; decimal or double; bool; DateTimeOffset or
    /// DateTime. For <see cref="ValueKind.Unsupported"/>, the reader's name for its kind. Null otherwise.
    /// </summary>
    public object? Scalar => Kind is ValueKind.Object or ValueKind.Array ? null : value is byte[] utf8 ? Decode(utf8) : value;

    /// <summary>The text of a string value (made anew each time from <see cref="Utf8Text"/> when held as UTF-8), else null.</summary>
    public string? Text => Kind != ValueKind.String ? null : value is byte[] utf8 ? Decode(utf8) : value as string;

    /// <summary>Whether this is a string held as UTF-8 (<see cref="Utf8Text"/>).</summary>
    public bool IsUtf8Text => value is byte[];

    /// <summary>A string held as UTF-8: its bytes (unescaped, valid UTF-8); empty for any other value.</summary>
    public ReadOnlySpan<byte> Utf8Text => value is byte[] utf8 ? utf8.AsSpan(start, length) : default;

    /// <summary>The properties of an object value, else null.</summary>
    public IRecordView? Object => value as IRecordView;

    /// <summary>The items of an array value, else null.</summary>
    public IReadOnlyList<RecordValue>? Items => Kind == ValueKind.Array ? value as IReadOnlyList<RecordValue> : null;

    public static RecordValue Null => default;

    /// <summary>A scalar of <paramref name="kind"/>; see <see cref="Scalar"/> for the .NET types each kind holds.</summary>
    public static RecordValue Of(ValueKind kind, object? scalar) => new(kind, scalar);

    /// <summary>A string as valid UTF-8 bytes that nothing writes again (an array's, so the view needs no copy).</summary>
    public static RecordValue Utf8String(ReadOnlyMemory<byte> utf8)
    {
        if (!System.Runtime.InteropServices.MemoryMarshal.TryGetArray(utf8, out var segment))
        {
            return new(ValueKind.String, System.Text.Encoding.UTF8.GetString(utf8.Span));
        }

        return new(segment.Array!, segment.Offset, segment.Count);
    }

    public static RecordValue Of(IRecordView properties) => new(ValueKind.Object, properties);

    public static RecordValue Of(IReadOnlyList<RecordValue> items) => new(ValueKind.Array, items);

    /// <summary>A value no field takes, named the way its reader names its kind (for messages).</summary>
    public static RecordValue Unsupported(string kindName) => new(ValueKind.Unsupported, kindName);

    private string Decode(byte[] utf8) => System.Text.Encoding.UTF8.GetString(utf8, start, length);
}

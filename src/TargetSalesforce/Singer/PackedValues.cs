using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Singer;

/// <summary>
/// A record's values as a table in the <see cref="Utf8TextArena"/> array that holds their text, rather than an
/// array of <see cref="FlatValue"/> of their own: for each value a code (null, true, false, or the JSON type of a
/// text) and where its text starts. The fast path's records are mostly this, so reading a record allocates little
/// beyond the bytes it holds; a record whose values are not all plain text, booleans and nulls keeps an array.
/// </summary>
internal static class PackedValues
{
    private const byte NullCode = 0;
    private const byte TrueCode = 1;
    private const byte FalseCode = 2;
    private const byte StringCode = 3;
    private const byte IntegerCode = 4;
    private const byte FloatCode = 5;

    /// <summary>A code, then the value's start in the array.</summary>
    private const int EntryBytes = 1 + sizeof(int);

    /// <summary>
    /// The most a record read from <paramref name="jsonBytes"/> bytes of JSON can take in the arena, texts and table:
    /// a value's text (with its length) takes at most its JSON and four bytes more, its entry five, and every value
    /// takes at least four bytes of JSON (<c>"":1</c>).
    /// </summary>
    public static int MostBytesFor(int jsonBytes) => jsonBytes + ((jsonBytes / 4) + 1) * (sizeof(int) + EntryBytes);

    /// <summary>
    /// Writes the table of <paramref name="values"/> after their texts, in the array that holds them (<paramref name="chunk"/>,
    /// from <paramref name="at"/>); false when they cannot be packed: a value that is not plain, or texts in another
    /// array than the one the table would go in.
    /// </summary>
    // Per-record hot path: optimized at first call, not after a spell of unoptimized code (docs/benchmark.md, round 4).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryWrite(Utf8TextArena arena, ReadOnlySpan<FlatValue> values, [NotNullWhen(true)] out byte[]? chunk, out int at)
    {
        at = -1;
        chunk = arena.Reserved(values.Length * EntryBytes);
        if (chunk is null)
        {
            return false;
        }

        foreach (var value in values)
        {
            if (value.Token is not null || (value.ArenaChunk is { } text ? !ReferenceEquals(text, chunk) : value.Scalar is not (null or bool)))
            {
                chunk = null;
                return false;
            }
        }

        var table = arena.Take(values.Length * EntryBytes, out at);
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            var entry = table.Slice(i * EntryBytes, EntryBytes);
            entry[0] = value.Type switch
            {
                JTokenType.Null => NullCode,
                JTokenType.Boolean => (bool)value.Scalar! ? TrueCode : FalseCode,
                JTokenType.String => StringCode,
                JTokenType.Integer => IntegerCode,
                _ => FloatCode,
            };
            BinaryPrimitives.WriteInt32LittleEndian(entry[1..], value.ArenaStart);
        }

        return true;
    }

    /// <summary>The value at <paramref name="index"/> of the table at <paramref name="table"/> in <paramref name="chunk"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static FlatValue Read(byte[] chunk, int table, int index)
    {
        var entry = chunk.AsSpan(table + index * EntryBytes, EntryBytes);
        var start = BinaryPrimitives.ReadInt32LittleEndian(entry[1..]);
        return entry[0] switch
        {
            NullCode => FlatValue.Null,
            TrueCode => FlatValue.Boolean(true),
            FalseCode => FlatValue.Boolean(false),
            StringCode => FlatValue.FromText(chunk, start, JTokenType.String),
            IntegerCode => FlatValue.FromText(chunk, start, JTokenType.Integer),
            _ => FlatValue.FromText(chunk, start, JTokenType.Float),
        };
    }
}

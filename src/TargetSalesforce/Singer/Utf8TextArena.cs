using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Newtonsoft.Json.Linq;

namespace TargetSalesforce.Singer;

/// <summary>
/// Where the fast path puts the strings and numbers of the records it reads: their UTF-8 text (a string
/// unescaped), side by side in arrays of a few kilobytes, each value a length and its bytes
/// (<see cref="FlatValue.FromText"/>). A string per value would be most of what reading a record allocates,
/// and twice the bytes (UTF-16), only to be encoded back into a UTF-8 CSV row; a number parsed and boxed
/// is wasted on a column no field takes. A record's table of values (<see cref="PackedValues"/>) goes after its
/// texts in the same array. Nothing is written twice; an array goes to the GC with its last record.
/// </summary>
internal sealed class Utf8TextArena
{
    /// <summary>16 KB: the values of a few dozen records, and small enough to stay off the large object heap.</summary>
    private const int ChunkBytes = 16 * 1024;

    /// <summary>Each value's length is written before its bytes, so a value needs only its array and start.</summary>
    private const int LengthBytes = sizeof(int);

    private byte[] chunk = [];
    private int used;

    /// <summary>The bytes of the value stored at <paramref name="start"/> of <paramref name="chunk"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlyMemory<byte> Slice(byte[] chunk, int start) =>
        chunk.AsMemory(start + LengthBytes, BinaryPrimitives.ReadInt32LittleEndian(chunk.AsSpan(start)));

    /// <summary>The string token the reader stands on, unescaped into the arena.</summary>
    /// <exception cref="InvalidOperationException">An escape that is not valid UTF-16 (a lone surrogate).</exception>
    // Per-record hot path: optimized at first call, not after a spell of unoptimized code (docs/benchmark.md, round 4).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public FlatValue AddString(ref Utf8JsonReader reader)
    {
        // The reader reads one span, so the token is ValueSpan; unescaping never makes it longer.
        var raw = reader.ValueSpan;
        var text = Room(raw.Length);
        int written;
        if (reader.ValueIsEscaped)
        {
            written = reader.CopyString(text);
        }
        else
        {
            raw.CopyTo(text);
            written = raw.Length;
        }

        return Commit(written, JTokenType.String);
    }

    /// <summary>A number's text, which the caller has found certain to parse as <paramref name="type"/> (see <see cref="FlatValue.FromText"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public FlatValue AddNumber(ReadOnlySpan<byte> number, JTokenType type)
    {
        number.CopyTo(Room(number.Length));
        return Commit(number.Length, type);
    }

    /// <summary>
    /// Makes sure the current array has room for <paramref name="bytes"/> more (a whole record's, see
    /// <see cref="PackedValues.MostBytesFor"/>), so the record's values and their table share it. A record larger than
    /// an array gets no promise: its values go where they fit and it keeps an array of its own.
    /// </summary>
    public void ReserveForRecord(int bytes)
    {
        if (bytes <= ChunkBytes && chunk.Length - used < bytes)
        {
            NewChunk(bytes);
        }
    }

    /// <summary>The current array when it has <paramref name="bytes"/> free, else null.</summary>
    public byte[]? Reserved(int bytes) => chunk.Length - used >= bytes ? chunk : null;

    /// <summary>Takes <paramref name="bytes"/> of the current array (which <see cref="Reserved"/> said it has) and says where they start.</summary>
    public Span<byte> Take(int bytes, out int start)
    {
        start = used;
        used += bytes;
        return chunk.AsSpan(start, bytes);
    }

    /// <summary>Space for a value of up to <paramref name="length"/> bytes after its length, in a new array when this one is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Span<byte> Room(int length)
    {
        if (chunk.Length - used < LengthBytes + length)
        {
            NewChunk(LengthBytes + length);
        }

        return chunk.AsSpan(used + LengthBytes);
    }

    private void NewChunk(int atLeast)
    {
        chunk = GC.AllocateUninitializedArray<byte>(Math.Max(ChunkBytes, atLeast));
        used = 0;
    }

    /// <summary>Seals the value just written into <see cref="Room"/> (<paramref name="length"/> bytes) and moves past it.</summary>
    private FlatValue Commit(int length, JTokenType type)
    {
        BinaryPrimitives.WriteInt32LittleEndian(chunk.AsSpan(used), length);
        var value = FlatValue.FromText(chunk, used, type);
        used += LengthBytes + length;
        return value;
    }
}

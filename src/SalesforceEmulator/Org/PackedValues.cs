using System.Text;

namespace SalesforceEmulator.Org;

/// <summary>
/// A record's field values packed into one UTF-8 byte array: for each field in order a length prefix (a 7-bit
/// varint: 0 is null, n + 1 says n bytes follow) and then its bytes. One array instead of a string per field is what
/// keeps a million stored records near the size of their data and cheap for the garbage collector to walk (a few
/// objects a record instead of one per field). Values are decoded on read, which only queries and updates do.
/// </summary>
internal static class PackedValues
{
    public static byte[] Pack(IReadOnlyList<string?> values)
    {
        var row = ValueRow.Of(values);
        var byteCounts = new int[row.Count];
        var packed = new byte[SizeOf(row, skipOrdinal: -1, byteCounts)];
        Write(row, skipOrdinal: -1, byteCounts, packed);
        return packed;
    }

    /// <summary>
    /// Bytes that <see cref="Write"/> needs for a row's values, the one at <paramref name="skipOrdinal"/> (if any) as
    /// null. Notes each value's UTF-8 length in <paramref name="byteCounts"/> (-1 for null) for Write to reuse.
    /// </summary>
    public static int SizeOf(ValueRow values, int skipOrdinal, Span<int> byteCounts)
    {
        var size = 0;
        for (var i = 0; i < values.Count; i++)
        {
            var length = i == skipOrdinal || values.IsNull(i) ? -1 : Encoding.UTF8.GetByteCount(values.GetSpan(i));
            byteCounts[i] = length;
            size += PrefixSize(length + 1) + Math.Max(0, length);
        }
        return size;
    }

    /// <summary>Packs a row's values into <paramref name="target"/>, exactly <see cref="SizeOf"/> bytes long.</summary>
    public static void Write(ValueRow values, int skipOrdinal, ReadOnlySpan<int> byteCounts, Span<byte> target)
    {
        var position = 0;
        for (var i = 0; i < values.Count; i++)
        {
            var length = byteCounts[i];
            if (length < 0)
            {
                target[position++] = 0;
                continue;
            }
            var text = values.GetSpan(i);
            position += WritePrefix(target[position..], length + 1);
            // As many bytes as characters means all ASCII: narrowing is all the encoding there is.
            if (length == text.Length)
                Ascii.FromUtf16(text, target.Slice(position, length), out _);
            else
                Encoding.UTF8.GetBytes(text, target.Slice(position, length));
            position += length;
        }
    }

    /// <summary>The UTF-8 bytes of the value at an ordinal; false for a null field.</summary>
    public static bool TryGetBytes(ReadOnlySpan<byte> packed, int ordinal, out ReadOnlySpan<byte> bytes)
    {
        var position = Seek(packed, ordinal);
        var prefix = ReadPrefix(packed, ref position);
        bytes = prefix == 0 ? default : packed.Slice(position, prefix - 1);
        return prefix != 0;
    }

    /// <summary>The value at an ordinal, decoded to a new string (null for a null field).</summary>
    public static string? Get(ReadOnlySpan<byte> packed, int ordinal) =>
        TryGetBytes(packed, ordinal, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

    /// <summary>Every value in order.</summary>
    public static string?[] Unpack(ReadOnlySpan<byte> packed, int count)
    {
        var values = new string?[count];
        var position = 0;
        for (var i = 0; i < count; i++)
        {
            var prefix = ReadPrefix(packed, ref position);
            if (prefix == 0)
                continue;
            values[i] = Encoding.UTF8.GetString(packed.Slice(position, prefix - 1));
            position += prefix - 1;
        }
        return values;
    }

    private static int Seek(ReadOnlySpan<byte> packed, int ordinal)
    {
        var position = 0;
        for (var i = 0; i < ordinal; i++)
        {
            var prefix = ReadPrefix(packed, ref position);
            if (prefix > 0)
                position += prefix - 1;
        }
        return position;
    }

    private static int PrefixSize(int prefix)
    {
        var size = 1;
        while (prefix >= 0x80)
        {
            prefix >>= 7;
            size++;
        }
        return size;
    }

    private static int WritePrefix(Span<byte> target, int prefix)
    {
        var written = 0;
        while (prefix >= 0x80)
        {
            target[written++] = (byte)(prefix | 0x80);
            prefix >>= 7;
        }
        target[written++] = (byte)prefix;
        return written;
    }

    private static int ReadPrefix(ReadOnlySpan<byte> packed, ref int position)
    {
        var prefix = 0;
        var shift = 0;
        byte b;
        do
        {
            b = packed[position++];
            prefix |= (b & 0x7F) << shift;
            shift += 7;
        }
        while (b >= 0x80);
        return prefix;
    }
}

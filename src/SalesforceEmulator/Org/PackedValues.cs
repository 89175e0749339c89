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
    public static byte[] Pack(IReadOnlyList<string?> values) => Pack(ValueRow.Of(values), skipOrdinal: -1);

    /// <summary>Packs a row's values, the one at <paramref name="skipOrdinal"/> (if any) as null.</summary>
    public static byte[] Pack(ValueRow values, int skipOrdinal)
    {
        var count = values.Count;
        Span<int> lengths = count <= 128 ? stackalloc int[count] : new int[count];
        var size = 0;
        for (var i = 0; i < count; i++)
        {
            lengths[i] = i == skipOrdinal || values.IsNull(i) ? -1 : Encoding.UTF8.GetByteCount(values.GetSpan(i));
            size += PrefixSize(lengths[i] + 1) + Math.Max(0, lengths[i]);
        }
        var packed = GC.AllocateUninitializedArray<byte>(size);
        var position = 0;
        for (var i = 0; i < count; i++)
        {
            position += WritePrefix(packed.AsSpan(position), lengths[i] + 1);
            if (lengths[i] > 0)
                position += Encoding.UTF8.GetBytes(values.GetSpan(i), packed.AsSpan(position));
        }
        return packed;
    }

    /// <summary>The value at an ordinal, decoded to a new string (null for a null field).</summary>
    public static string? Get(byte[] packed, int ordinal)
    {
        var position = Seek(packed, ordinal);
        var prefix = ReadPrefix(packed, ref position);
        return prefix == 0 ? null : Encoding.UTF8.GetString(packed, position, prefix - 1);
    }

    /// <summary>Every value in order.</summary>
    public static string?[] Unpack(byte[] packed, int count)
    {
        var values = new string?[count];
        var position = 0;
        for (var i = 0; i < count; i++)
        {
            var prefix = ReadPrefix(packed, ref position);
            if (prefix == 0)
                continue;
            values[i] = Encoding.UTF8.GetString(packed, position, prefix - 1);
            position += prefix - 1;
        }
        return values;
    }

    private static int Seek(byte[] packed, int ordinal)
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

    private static int ReadPrefix(byte[] packed, ref int position)
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

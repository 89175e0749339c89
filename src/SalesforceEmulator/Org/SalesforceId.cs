namespace SalesforceEmulator.Org;

/// <summary>
/// Record ids: 15 case-sensitive base-62 characters (a 3-character key prefix first) plus a 3-character
/// suffix that encodes which of the 15 are upper case, so the 18-character form survives case-insensitive tools.
/// </summary>
public static class SalesforceId
{
    /// <summary>Characters in the long (case-insensitive) form.</summary>
    public const int Length = 18;

    private const string SuffixAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>The 18-character id of a key prefix and a sequence number.</summary>
    public static string Create(string keyPrefix, long sequence)
    {
        Span<char> id = stackalloc char[Length];
        Write(keyPrefix, sequence, id);
        return new string(id);
    }

    /// <summary>Writes the 18-character id of a key prefix and a sequence number into <paramref name="id"/>.</summary>
    public static void Write(string keyPrefix, long sequence, Span<char> id)
    {
        keyPrefix.AsSpan().CopyTo(id);
        // Characters 4-5 stand for the server "pod" of a real id; the rest is the sequence in base 62.
        id[3] = '0';
        id[4] = '0';
        var value = sequence;
        for (var i = 14; i >= 5; i--)
        {
            id[i] = Base62[(int)(value % 62)];
            value /= 62;
        }
        WriteSuffix(id[..15], id[15..]);
    }

    /// <summary>Accepts a 15- or 18-character id in any letter case an 18-character id allows; returns the 18-character form.</summary>
    public static bool TryNormalize(ReadOnlySpan<char> input, out string id18)
    {
        Span<char> id = stackalloc char[Length];
        id18 = TryNormalize(input, id) ? new string(id) : "";
        return id18.Length > 0;
    }

    /// <summary>Like <see cref="TryNormalize(ReadOnlySpan{char}, out string)"/>, writing the 18 characters into <paramref name="id"/>.</summary>
    public static bool TryNormalize(ReadOnlySpan<char> input, Span<char> id)
    {
        if (input.Length != 15 && input.Length != 18)
            return false;
        foreach (var c in input)
        {
            if (!char.IsAsciiLetterOrDigit(c))
                return false;
        }
        input[..15].CopyTo(id);
        if (input.Length == 18)
        {
            // The suffix is authoritative for the case of the first 15 characters.
            for (var block = 0; block < 3; block++)
            {
                var bits = SuffixAlphabet.IndexOf(char.ToUpperInvariant(input[15 + block]));
                if (bits < 0)
                    return false;
                for (var i = 0; i < 5; i++)
                {
                    ref var c = ref id[block * 5 + i];
                    var upper = (bits & (1 << i)) != 0;
                    if (char.IsAsciiDigit(c))
                    {
                        if (upper)
                            return false;
                    }
                    else
                    {
                        c = upper ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c);
                    }
                }
            }
        }
        WriteSuffix(id[..15], id[15..]);
        return true;
    }

    public static string KeyPrefixOf(string id) => id[..3];

    /// <summary>
    /// The sequence number <paramref name="id18"/> was made from by <see cref="Write"/> with this key prefix; false
    /// for any other text, a case variant or a wrong suffix included.
    /// </summary>
    public static bool TryReadSequence(string keyPrefix, ReadOnlySpan<char> id18, out long sequence)
    {
        sequence = 0;
        if (id18.Length != Length || !id18.StartsWith(keyPrefix, StringComparison.Ordinal) || id18[3] != '0' || id18[4] != '0')
            return false;
        for (var i = 5; i < 15; i++)
        {
            var digit = Base62Digit(id18[i]);
            if (digit < 0)
                return false;
            sequence = sequence * 62 + digit;
        }
        // Ten base-62 digits fit a long; the suffix must be the one the case of the first 15 gives.
        Span<char> suffix = stackalloc char[3];
        WriteSuffix(id18[..15], suffix);
        return id18[15..].SequenceEqual(suffix);
    }

    private static int Base62Digit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'Z' => c - 'A' + 10,
        >= 'a' and <= 'z' => c - 'a' + 36,
        _ => -1,
    };

    private static void WriteSuffix(ReadOnlySpan<char> id15, Span<char> suffix)
    {
        for (var block = 0; block < 3; block++)
        {
            var bits = 0;
            for (var i = 0; i < 5; i++)
            {
                if (char.IsAsciiLetterUpper(id15[block * 5 + i]))
                    bits |= 1 << i;
            }
            suffix[block] = SuffixAlphabet[bits];
        }
    }
}

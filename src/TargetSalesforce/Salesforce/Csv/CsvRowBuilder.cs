using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace TargetSalesforce.Salesforce.Csv;

/// <summary>
/// Builds one CSV row in a reused char buffer: RFC 4180 quoting, LF line ends, and any CR or CRLF
/// inside a value turned into LF so a job declared `lineEnding: LF` never meets a CR.
/// </summary>
internal sealed class CsvRowBuilder
{
    // Built once: a search over four characters given as a string would build its lookup on every call.
    private static readonly SearchValues<char> NeedsQuoting = SearchValues.Create(",\"\r\n");

    private char[] chars = new char[1024];
    private int length;

    public void Clear() => length = 0;

    public void Separator() => Append(',');

    public void EndRow() => Append('\n');

    // Per-record hot path: optimized at first call, not after a spell of unoptimized code (docs/benchmark.md, round 4).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Value(ReadOnlySpan<char> value)
    {
        if (!value.ContainsAny(NeedsQuoting))
        {
            Append(value);
            return;
        }

        Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    Append("\"\"");
                    break;
                case '\r':
                    Append('\n');
                    if (i + 1 < value.Length && value[i + 1] == '\n')
                    {
                        i++;
                    }

                    break;
                default:
                    Append(c);
                    break;
            }
        }

        Append('"');
    }

    /// <summary>The row so far, as characters.</summary>
    public ReadOnlySpan<char> Chars => chars.AsSpan(0, length);

    /// <summary>The row as UTF-8 (no BOM), in an array of exactly its length.</summary>
    public byte[] ToUtf8()
    {
        var span = chars.AsSpan(0, length);
        var bytes = new byte[Encoding.UTF8.GetByteCount(span)];
        Encoding.UTF8.GetBytes(span, bytes);
        return bytes;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Append(char c)
    {
        if (length == chars.Length)
        {
            Array.Resize(ref chars, chars.Length * 2);
        }

        chars[length++] = c;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Append(ReadOnlySpan<char> text)
    {
        if (length + text.Length > chars.Length)
        {
            Array.Resize(ref chars, Math.Max(chars.Length * 2, length + text.Length));
        }

        text.CopyTo(chars.AsSpan(length));
        length += text.Length;
    }
}

using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace TargetSalesforce.Salesforce.Csv;

/// <summary>
/// Builds one CSV row as UTF-8 in a reused byte buffer: RFC 4180 quoting, LF line ends, and any CR or
/// CRLF inside a value turned into LF so a job declared `lineEnding: LF` never meets a CR. A value
/// comes as text or as UTF-8 already (a record's own bytes), which is copied without a string between.
/// </summary>
internal sealed class CsvRowBuilder
{
    // Built once: a search over four bytes given as a span would build its lookup on every call.
    private static readonly SearchValues<byte> NeedsQuoting = SearchValues.Create(",\"\r\n"u8);

    private byte[] bytes = new byte[1024];
    private int length;

    // A text value's UTF-8, before it is quoted into the row (one quoting rule, on bytes, for both kinds of value).
    private byte[] scratch = new byte[256];

    public void Clear() => length = 0;

    public void Separator() => Append((byte)',');

    public void EndRow() => Append((byte)'\n');

    /// <summary>A value as text: encoded to UTF-8, then quoted as <see cref="Utf8Value"/> quotes.</summary>
    // Per-record hot path: optimized at first call, not after a spell of unoptimized code (docs/benchmark.md, round 4).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Value(ReadOnlySpan<char> value)
    {
        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (scratch.Length < most)
        {
            scratch = new byte[Math.Max(most, scratch.Length * 2)];
        }

        Utf8Value(scratch.AsSpan(0, Encoding.UTF8.GetBytes(value, scratch)));
    }

    /// <summary>A value already in UTF-8: quoted when it holds a comma, quote, CR or LF; a quote doubled, a CR or CRLF made LF.</summary>
    // The quoted characters are ASCII, and UTF-8 never uses an ASCII byte inside a longer character, so a byte search finds them.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Utf8Value(ReadOnlySpan<byte> value)
    {
        if (!value.ContainsAny(NeedsQuoting))
        {
            Append(value);
            return;
        }

        Append((byte)'"');
        while (true)
        {
            // Only a quote and a CR change inside quotes; a comma or LF is copied with the text around it.
            var at = value.IndexOfAny((byte)'"', (byte)'\r');
            if (at < 0)
            {
                Append(value);
                break;
            }

            Append(value[..at]);
            if (value[at] == (byte)'"')
            {
                Append("\"\""u8);
                value = value[(at + 1)..];
            }
            else
            {
                Append((byte)'\n');
                value = value[(at + 1)..].StartsWith((byte)'\n') ? value[(at + 2)..] : value[(at + 1)..];
            }
        }

        Append((byte)'"');
    }

    /// <summary>The row so far, as UTF-8.</summary>
    public ReadOnlySpan<byte> Bytes => bytes.AsSpan(0, length);

    /// <summary>The row as UTF-8 (no BOM), in an array of exactly its length.</summary>
    public byte[] ToUtf8() => Bytes.ToArray();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Append(byte b)
    {
        if (length == bytes.Length)
        {
            Array.Resize(ref bytes, bytes.Length * 2);
        }

        bytes[length++] = b;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Append(ReadOnlySpan<byte> utf8)
    {
        Reserve(utf8.Length);
        utf8.CopyTo(bytes.AsSpan(length));
        length += utf8.Length;
    }

    private void Reserve(int more)
    {
        if (length + more > bytes.Length)
        {
            Array.Resize(ref bytes, Math.Max(bytes.Length * 2, length + more));
        }
    }
}

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
    // Built once: a search over four characters given as a string would build its lookup on every call.
    private static readonly SearchValues<char> NeedsQuoting = SearchValues.Create(",\"\r\n");
    private static readonly SearchValues<byte> NeedsQuotingUtf8 = SearchValues.Create(",\"\r\n"u8);

    private byte[] bytes = new byte[1024];
    private int length;

    public void Clear() => length = 0;

    public void Separator() => Append((byte)',');

    public void EndRow() => Append((byte)'\n');

    // Per-record hot path: optimized at first call, not after a spell of unoptimized code (docs/benchmark.md, round 4).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Value(ReadOnlySpan<char> value)
    {
        if (!value.ContainsAny(NeedsQuoting))
        {
            AppendText(value);
            return;
        }

        Append((byte)'"');
        while (true)
        {
            // Only a quote and a CR change inside quotes; a comma or LF is copied with the text around it.
            var at = value.IndexOfAny('"', '\r');
            if (at < 0)
            {
                AppendText(value);
                break;
            }

            AppendText(value[..at]);
            value = Escape(value[at] == '"', value[(at + 1)..].StartsWith('\n')) ? value[(at + 2)..] : value[(at + 1)..];
        }

        Append((byte)'"');
    }

    /// <summary>A value already in UTF-8, quoted as <see cref="Value(ReadOnlySpan{char})"/> quotes text.</summary>
    // The quoted characters are ASCII, and UTF-8 never uses an ASCII byte inside a longer character, so a byte search finds them.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Utf8Value(ReadOnlySpan<byte> value)
    {
        if (!value.ContainsAny(NeedsQuotingUtf8))
        {
            Append(value);
            return;
        }

        Append((byte)'"');
        while (true)
        {
            var at = value.IndexOfAny((byte)'"', (byte)'\r');
            if (at < 0)
            {
                Append(value);
                break;
            }

            Append(value[..at]);
            value = Escape(value[at] == '"', value[(at + 1)..].StartsWith((byte)'\n')) ? value[(at + 2)..] : value[(at + 1)..];
        }

        Append((byte)'"');
    }

    /// <summary>The row so far, as UTF-8.</summary>
    public ReadOnlySpan<byte> Bytes => bytes.AsSpan(0, length);

    /// <summary>The row as UTF-8 (no BOM), in an array of exactly its length.</summary>
    public byte[] ToUtf8() => Bytes.ToArray();

    /// <summary>Writes a quote doubled, or a CR as LF; true when the CR's own LF follows and is taken with it.</summary>
    private bool Escape(bool quote, bool lineFeedNext)
    {
        if (quote)
        {
            Append("\"\""u8);
            return false;
        }

        Append((byte)'\n');
        return lineFeedNext;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AppendText(ReadOnlySpan<char> text)
    {
        Reserve(Encoding.UTF8.GetMaxByteCount(text.Length));
        length += Encoding.UTF8.GetBytes(text, bytes.AsSpan(length));
    }

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

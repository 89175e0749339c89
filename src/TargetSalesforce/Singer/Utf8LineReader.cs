using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace TargetSalesforce.Singer;

/// <summary>
/// Splits the input into lines of raw UTF-8 bytes, without a string per line: most lines are parsed
/// straight from their bytes. Lines end where <see cref="StreamReader.ReadLine()"/> ends them (LF, CR
/// or CRLF), and a byte order mark at the start is dropped as it would; input with a UTF-16 or UTF-32
/// mark is turned into UTF-8 first, so it reads as it did through a <see cref="StreamReader"/>.
/// </summary>
internal sealed class Utf8LineReader : IDisposable
{
    /// <summary>Room for a hundred typical records a read; a longer line grows the buffer.</summary>
    private const int InitialBufferSize = 1 << 16;

    [SuppressMessage("Usage", "CA2213", Justification = "The caller owns the input stream; only a transcoding stream made here is disposed here.")]
    private Stream input;
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    private int start;
    private int end;
    private int scanned;
    private bool endOfInput;
    private bool startChecked;
    private bool skipLineFeed;
    private Stream? transcoded;

    public Utf8LineReader(Stream input) => this.input = input;

    /// <summary>The size of the read buffer (for tests: it grows for a long line and shrinks after it).</summary>
    internal int BufferSize => buffer.Length;

    /// <summary>The last line read, without its line end. Valid until the next read.</summary>
    public ReadOnlyMemory<byte> Line { get; private set; }

    /// <summary>Reads the next line into <see cref="Line"/>; false at the end of the input.</summary>
    public async ValueTask<bool> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (!TryReadLine())
        {
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The next line already in the buffer (or, once the input has ended, what is left of it) into
    /// <see cref="Line"/>; false when more input must be read first (<see cref="FillAsync"/>).
    /// </summary>
    // Per-record hot path: optimized at first call, not after a spell of unoptimized code (docs/benchmark.md, round 4).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryReadLine()
    {
        if (skipLineFeed && start < end)
        {
            // The last line ended with a CR that was the last byte read: a LF after it belongs to it.
            skipLineFeed = false;
            if (buffer[start] == (byte)'\n')
            {
                start++;
                scanned = Math.Max(scanned, start);
            }
        }

        var found = buffer.AsSpan(scanned, end - scanned).IndexOfAny((byte)'\n', (byte)'\r');
        if (found >= 0)
        {
            var lineEnd = scanned + found;
            Line = buffer.AsMemory(start, lineEnd - start);
            start = lineEnd + 1;
            if (buffer[lineEnd] == (byte)'\r')
            {
                if (start < end)
                {
                    start += buffer[start] == (byte)'\n' ? 1 : 0;
                }
                else
                {
                    skipLineFeed = true;
                }
            }

            scanned = start;
            return true;
        }

        scanned = end;
        if (endOfInput && start < end)
        {
            Line = buffer.AsMemory(start, end - start);
            start = end;
            return true;
        }

        Line = default;
        return false;
    }

    /// <summary>
    /// Reads more input (it may wait for the tap). False once the input had already ended: after the
    /// read that finds the end, <see cref="TryReadLine"/> still hands out a last line without a line end.
    /// </summary>
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (endOfInput)
        {
            return false;
        }

        await ReadMoreAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public void Dispose()
    {
        transcoded?.Dispose();
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }

    /// <summary>Keeps the unread part, makes room (growing for a long line), and reads more.</summary>
    private async ValueTask ReadMoreAsync(CancellationToken cancellationToken)
    {
        var unread = end - start;
        if (start > 0)
        {
            buffer.AsSpan(start, unread).CopyTo(buffer);
            scanned -= start;
            start = 0;
            end = unread;
        }

        if (end == buffer.Length)
        {
            Resize(buffer.Length * 2);
        }
        else if (buffer.Length > InitialBufferSize && end < InitialBufferSize / 2)
        {
            // The long line that grew the buffer is done: give the memory back.
            Resize(InitialBufferSize);
        }

        var read = await input.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            endOfInput = true;
            return;
        }

        end += read;
        if (!startChecked)
        {
            await CheckStartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void Resize(int size)
    {
        var resized = ArrayPool<byte>.Shared.Rent(size);
        buffer.AsSpan(0, end).CopyTo(resized);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = resized;
    }

    /// <summary>Drops a UTF-8 byte order mark; switches to a UTF-8 view of input that starts with another one.</summary>
    private async ValueTask CheckStartAsync(CancellationToken cancellationToken)
    {
        // A mark is at most 4 bytes: wait for them unless the input is shorter.
        while (end < 4)
        {
            var read = await input.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                endOfInput = true;
                break;
            }

            end += read;
        }

        startChecked = true;
        var head = buffer.AsSpan(0, end);
        if (head.StartsWith(Utf8Mark))
        {
            start = scanned = Utf8Mark.Length;
            return;
        }

        if (OtherEncoding(head) is not { } encoding)
        {
            return;
        }

        // Everything read so far and the rest of the input, decoded and handed back as UTF-8 (whose
        // own mark the next check drops).
        transcoded = Encoding.CreateTranscodingStream(new ReplayStream(head.ToArray(), input), encoding, Encoding.UTF8);
        input = transcoded;
        start = scanned = end = 0;
        endOfInput = false;
        startChecked = false;
        await ReadMoreAsync(cancellationToken).ConfigureAwait(false);
    }

    private static ReadOnlySpan<byte> Utf8Mark => [0xEF, 0xBB, 0xBF];

    private static Encoding? OtherEncoding(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return new UTF32Encoding(bigEndian: true, byteOrderMark: true);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            return new UTF32Encoding(bigEndian: false, byteOrderMark: true);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return new UnicodeEncoding(bigEndian: true, byteOrderMark: true);
        }

        return head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? new UnicodeEncoding(bigEndian: false, byteOrderMark: true) : null;
    }
}

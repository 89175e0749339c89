using System.Text;

namespace TargetSalesforce.Tests.Support;

/// <summary>
/// An input that makes its lines only when the reader asks for them and counts how many it has handed
/// over, so a test can see how far ahead of the loads the reader got.
/// </summary>
internal sealed class GeneratedInput(string first, Func<int, string> line, int count) : Stream
{
    private ReadOnlyMemory<byte> current = Encoding.UTF8.GetBytes(first + "\n");
    private int made;

    /// <summary>Generated lines handed over (in part or whole) so far.</summary>
    public int Produced => Volatile.Read(ref made);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (current.IsEmpty)
        {
            if (made >= count)
            {
                return 0;
            }

            current = Encoding.UTF8.GetBytes(line(made) + "\n");
            Interlocked.Increment(ref made);
        }

        var taken = Math.Min(buffer.Length, current.Length);
        current.Span[..taken].CopyTo(buffer);
        current = current[taken..];
        return taken;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

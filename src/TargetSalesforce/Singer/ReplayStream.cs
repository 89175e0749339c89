namespace TargetSalesforce.Singer;

/// <summary>
/// A read-only stream that gives back bytes already taken from <paramref name="rest"/> and then the
/// rest of it: how the line reader hands input it has looked into to a decoder.
/// </summary>
internal sealed class ReplayStream(byte[] taken, Stream rest) : Stream
{
    private int position;

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
        if (position < taken.Length)
        {
            return Replay(buffer);
        }

        return rest.Read(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (position < taken.Length)
        {
            return Replay(buffer.Span);
        }

        return await rest.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Replay(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, taken.Length - position);
        taken.AsSpan(position, count).CopyTo(buffer);
        position += count;
        return count;
    }
}

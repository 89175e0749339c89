namespace TargetSalesforce.Singer;

/// <summary>
/// A read-only stream that gives back bytes already taken from <paramref name="rest"/> and then the
/// rest of it: how the line reader hands input it has looked into to a decoder.
/// </summary>
internal sealed class ReplayStream(byte[] taken, Stream rest) : ReadOnlyInputStream
{
    private int position;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => position < taken.Length ? Replay(buffer) : rest.Read(buffer);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        position < taken.Length ? Replay(buffer.Span) : await rest.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);

    private int Replay(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, taken.Length - position);
        taken.AsSpan(position, count).CopyTo(buffer);
        position += count;
        return count;
    }
}

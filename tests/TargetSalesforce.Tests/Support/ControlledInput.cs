using System.Text;
using System.Threading.Channels;

namespace TargetSalesforce.Tests.Support;

/// <summary>An input the test feeds line by line, like a tap that pauses between messages.</summary>
internal sealed class ControlledInput : Stream
{
    private readonly Channel<byte[]> chunks = Channel.CreateUnbounded<byte[]>();
    private ReadOnlyMemory<byte> current = ReadOnlyMemory<byte>.Empty;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public void WriteLines(params string[] lines) =>
        chunks.Writer.TryWrite(Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n"))));

    public void Complete() => chunks.Writer.TryComplete();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (current.IsEmpty)
        {
            if (!await chunks.Reader.WaitToReadAsync(cancellationToken))
            {
                return 0;
            }

            if (chunks.Reader.TryRead(out var chunk))
            {
                current = chunk;
            }
        }

        var count = Math.Min(buffer.Length, current.Length);
        current[..count].CopyTo(buffer);
        current = current[count..];
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

using System.Text;
using System.Threading.Channels;
using TargetSalesforce.Singer;

namespace TargetSalesforce.Tests.Support;

/// <summary>An input the test feeds line by line, like a tap that pauses between messages.</summary>
internal sealed class ControlledInput : ReadOnlyInputStream
{
    private readonly Channel<byte[]> chunks = Channel.CreateUnbounded<byte[]>();
    private ReadOnlyMemory<byte> current = ReadOnlyMemory<byte>.Empty;

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
}

using System.Text;
using TargetSalesforce.Singer;

namespace TargetSalesforce.Tests.Support;

/// <summary>
/// An input that makes its lines only when the reader asks for them and counts how many it has handed
/// over, so a test can see how far ahead of the loads the reader got.
/// </summary>
internal sealed class GeneratedInput(string first, Func<int, string> line, int count) : ReadOnlyInputStream
{
    private ReadOnlyMemory<byte> current = Encoding.UTF8.GetBytes(first + "\n");
    private int made;

    /// <summary>Generated lines handed over (in part or whole) so far.</summary>
    public int Produced => Volatile.Read(ref made);

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
}

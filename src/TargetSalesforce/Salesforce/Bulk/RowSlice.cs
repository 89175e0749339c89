using System.Collections;

namespace TargetSalesforce.Salesforce.Bulk;

/// <summary>A run of a batch's rows, without copying them.</summary>
internal sealed class RowSlice(IReadOnlyList<ReadOnlyMemory<byte>> rows, int start, int count) : IReadOnlyList<ReadOnlyMemory<byte>>
{
    public int Start { get; } = start;

    public int Count { get; } = count;

    public ReadOnlyMemory<byte> this[int index] => (uint)index < (uint)Count ? rows[Start + index] : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<ReadOnlyMemory<byte>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return rows[Start + i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

using System.Runtime.CompilerServices;
using System.Text;

namespace TargetSalesforce.Salesforce.Csv;

/// <summary>
/// Packs encoded rows side by side into large arrays, so a buffered row is a slice rather than an
/// array of its own. Rows wait seconds for their job, long enough for the GC to copy a small array
/// from generation to generation; a large array sits on the large object heap and is never copied.
/// An array is dropped (left to the GC) once it is full: the rows in it go away with their jobs.
/// </summary>
internal sealed class RowArena
{
    /// <summary>1 MB: about 3,000 rows of a dozen fields; well over the 85 KB where the large object heap starts.</summary>
    private const int ChunkBytes = 1 << 20;

    private byte[] chunk = [];
    private int used;

    /// <summary>Writes <paramref name="row"/> as UTF-8 (no BOM) and returns where it landed.</summary>
    // Per-record hot path: optimized at first call, not after a spell of unoptimized code (docs/benchmark.md, round 4).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlyMemory<byte> Add(ReadOnlySpan<char> row)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(row.Length);
        if (chunk.Length - used < maxBytes)
        {
            chunk = GC.AllocateUninitializedArray<byte>(Math.Max(ChunkBytes, maxBytes));
            used = 0;
        }

        var written = Encoding.UTF8.GetBytes(row, chunk.AsSpan(used));
        var slice = new ReadOnlyMemory<byte>(chunk, used, written);
        used += written;
        return slice;
    }
}

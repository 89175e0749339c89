using System.Runtime.CompilerServices;

namespace TargetSalesforce.Salesforce.Csv;

/// <summary>
/// Packs encoded rows side by side into large arrays, so a buffered row is a slice rather than an
/// array of its own. Rows wait seconds for their job, long enough for the GC to copy a small array
/// from generation to generation; a large array is never copied. The arrays are pinned (they never move),
/// so their pages can be mapped in one call as each is made (<see cref="PagePrefault"/>).
/// An array is dropped (left to the GC) once it is full: the rows in it go away with their jobs.
/// </summary>
internal sealed class RowArena
{
    /// <summary>1 MB: about 5,000 rows of a dozen fields, and 256 pages mapped by one call.</summary>
    private const int ChunkBytes = 1 << 20;

    private byte[] chunk = [];
    private int used;

    /// <summary>Copies a row already in UTF-8 and returns where it landed.</summary>
    // Per-record hot path: optimized at first call, not after a spell of unoptimized code (docs/benchmark.md, round 4).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlyMemory<byte> Add(ReadOnlySpan<byte> row)
    {
        var room = Room(row.Length);
        row.CopyTo(room.Span);
        used += row.Length;
        return room[..row.Length];
    }

    /// <summary>At least <paramref name="bytes"/> free bytes, in a new chunk when the current one has too few.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Memory<byte> Room(int bytes)
    {
        if (chunk.Length - used < bytes)
        {
            chunk = GC.AllocateUninitializedArray<byte>(Math.Max(ChunkBytes, bytes), pinned: true);
            PagePrefault.Populate(chunk);
            used = 0;
        }

        return chunk.AsMemory(used);
    }
}

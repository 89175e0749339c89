namespace SalesforceEmulator.Org;

/// <summary>
/// Where records' packed values live: large shared byte arrays, each record an offset and a length in one of them.
/// A million records then make a few hundred arrays rather than a million, which the garbage collector allocates
/// straight into the large-object heap and never copies between generations. Space a record gives up (an update, a
/// delete) is only counted; the owner compacts into fresh chunks when too much of it is dead.
/// </summary>
internal sealed class PackedChunks
{
    /// <summary>Bytes per shared chunk: well above the 85,000-byte large-object threshold, small enough to waste little at the end.</summary>
    public const int ChunkSize = 1 << 20;

    // Values larger than this get an array of their own rather than leaving a large tail of a chunk unused.
    private const int OwnArrayThreshold = ChunkSize / 8;

    // Compaction waits until dead bytes pass this floor, so small tables never bother.
    private const long CompactionFloor = 4L * ChunkSize;

    private byte[] current = [];
    private int position;

    /// <summary>Bytes held by live records.</summary>
    public long LiveBytes { get; private set; }

    /// <summary>Bytes given up by records since they were written (old versions, deleted records).</summary>
    public long DeadBytes { get; private set; }

    /// <summary>True when dead bytes outweigh live ones (and pass a floor): a compaction then at most halves memory.</summary>
    public bool ShouldCompact => DeadBytes > CompactionFloor && DeadBytes > LiveBytes;

    /// <summary>Room for <paramref name="size"/> bytes: the array and the offset in it.</summary>
    public byte[] Allocate(int size, out int offset)
    {
        LiveBytes += size;
        if (size > OwnArrayThreshold)
        {
            offset = 0;
            return GC.AllocateUninitializedArray<byte>(size);
        }
        if (current.Length - position < size)
        {
            current = GC.AllocateUninitializedArray<byte>(ChunkSize);
            position = 0;
        }
        offset = position;
        position += size;
        return current;
    }

    /// <summary>Counts a record's old bytes as dead (the bytes stay readable: a reader may still hold the record).</summary>
    public void Release(int size)
    {
        LiveBytes -= size;
        DeadBytes += size;
    }
}

namespace TargetSalesforce.Loading.Jobs;

/// <summary>
/// The keys a job writes, as sorted 64-bit fingerprints: whether two jobs share a key is one walk along two
/// sorted arrays. A dictionary of every key in flight hashed each key's text twice (in and out) and visited a
/// table of a quarter of a million entries at random, about 6 % of the target's CPU at 300,000 upserts
/// (docs/benchmark.md, round 12).
/// <para>
/// Keys equal ignoring case always get the same fingerprint (both halves are hashes that ignore case), so a job
/// never misses a wait. Two different keys share one with odds of about one in 2^64 a pair; that only makes a job
/// wait for the other, which is safe.
/// </para>
/// </summary>
internal sealed class KeyFingerprints
{
    /// <summary>Keys longer than this are copied to the heap, not the stack, to hash them with the suffix.</summary>
    private const int StackChars = 256;

    private readonly ulong[] sorted;

    private KeyFingerprints(ulong[] sorted) => this.sorted = sorted;

    /// <summary>No keys: an insert's rows, which never wait for each other.</summary>
    public static KeyFingerprints None { get; } = new([]);

    public int Count => sorted.Length;

    /// <summary>The fingerprints of the rows' keys (rows without a key have none).</summary>
    public static KeyFingerprints Of(BufferedRow[] rows)
    {
        var fingerprints = new ulong[rows.Length];
        var count = 0;
        foreach (var row in rows)
        {
            if (row.Key is { } key)
            {
                fingerprints[count++] = Of(key);
            }
        }

        if (count == 0)
        {
            return None;
        }

        Array.Resize(ref fingerprints, count);
        Array.Sort(fingerprints);
        return new KeyFingerprints(fingerprints);
    }

    /// <summary>
    /// One key's fingerprint: the process's ignore-case string hash of the key, beside the same hash of the key
    /// with one more character after it. Each half agrees for keys equal ignoring case, since the runtime's
    /// comparer promises that of its hash; together they make 64 bits.
    /// </summary>
    public static ulong Of(string key)
    {
        var high = (uint)string.GetHashCode(key, StringComparison.OrdinalIgnoreCase);
        var extended = key.Length < StackChars ? stackalloc char[key.Length + 1] : new char[key.Length + 1];
        key.CopyTo(extended);
        extended[^1] = '\u0001';
        var low = (uint)string.GetHashCode(extended, StringComparison.OrdinalIgnoreCase);
        return (ulong)high << 32 | low;
    }

    /// <summary>Whether the two share a fingerprint: a walk along both sorted arrays.</summary>
    public bool Overlaps(KeyFingerprints other)
    {
        var mine = sorted;
        var theirs = other.sorted;
        int i = 0, j = 0;
        while (i < mine.Length && j < theirs.Length)
        {
            var a = mine[i];
            var b = theirs[j];
            if (a == b)
            {
                return true;
            }

            // Steps without a branch on which side is smaller: the fingerprints are random, so such a branch is
            // mispredicted every other step.
            var aIsSmaller = a < b;
            i += aIsSmaller ? 1 : 0;
            j += aIsSmaller ? 0 : 1;
        }

        return false;
    }
}

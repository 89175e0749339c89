namespace SalesforceEmulator.Faults;

/// <summary>
/// Seeded, order-independent draws: the same (seed, inputs) always give the same fraction, in any process.
/// string.GetHashCode is randomised per process, so strings are hashed with FNV-1a instead.
/// </summary>
public static class StableHash
{
    /// <summary>A fraction in [0, 1) determined by the inputs alone.</summary>
    public static double Fraction(int seed, params ReadOnlySpan<long> inputs)
    {
        var state = (ulong)seed;
        foreach (var input in inputs)
        {
            state = Mix(state ^ (ulong)input);
        }

        return (Mix(state) >> 11) * (1.0 / (1UL << 53));
    }

    public static long Of(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (long)hash;
    }

    // SplitMix64's finaliser: spreads every input bit over the output.
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

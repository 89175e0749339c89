using System.Collections.Concurrent;

namespace SalesforceEmulator.Admin;

/// <summary>Request counters by route ("METHOD /route/pattern"), for `/__emulator/stats`.</summary>
public sealed class EmulatorStats
{
    private readonly ConcurrentDictionary<string, long> byRoute = new(StringComparer.Ordinal);
    private long total;

    public long TotalRequests => Interlocked.Read(ref total);

    public void Count(string route)
    {
        Interlocked.Increment(ref total);
        byRoute.AddOrUpdate(route, 1, (_, n) => n + 1);
    }

    /// <summary>A sorted snapshot, so the JSON reads the same from run to run.</summary>
    public IReadOnlyDictionary<string, long> RequestsByRoute() =>
        new SortedDictionary<string, long>(byRoute.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);

    public void Reset()
    {
        byRoute.Clear();
        Interlocked.Exchange(ref total, 0);
    }
}

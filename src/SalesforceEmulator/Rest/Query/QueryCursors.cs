using SalesforceEmulator.Org;
using SalesforceEmulator.Rest.Soql;

namespace SalesforceEmulator.Rest.Query;

/// <summary>
/// Query results still being paged through, each under a query locator (an 01g… id). As in a real org a user holds
/// at most 10 open cursors (opening an eleventh releases the oldest) and a cursor idle for 15 minutes is released;
/// idleness is measured on the emulator's clock.
/// </summary>
public sealed class QueryCursors(TimeProvider time)
{
    /// <summary>Open cursors one user may hold, as the SOAP and REST query documentation states.</summary>
    public const int MaxOpenPerUser = 10;

    /// <summary>A cursor unused this long is released (the documented 15-minute inactivity timeout).</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(15);

    private readonly Lock gate = new();
    private readonly Dictionary<string, Cursor> open = new(StringComparer.Ordinal);
    private long nextSequence;

    /// <summary>One result being paged: its rows, the page size it was opened with, whose it is and when it was last read.</summary>
    public sealed class Cursor(string locator, string userId, SoqlResult result, int batchSize, DateTimeOffset lastUsed)
    {
        public string Locator { get; } = locator;

        public string UserId { get; } = userId;

        public SoqlResult Result { get; } = result;

        public int BatchSize { get; } = batchSize;

        public DateTimeOffset LastUsed { get; set; } = lastUsed;
    }

    public int Count
    {
        get { lock (gate) { return open.Count; } }
    }

    /// <summary>Keeps a result for paging; its locator stays valid until idle or pushed out, so a page can be read again.</summary>
    public Cursor Open(string userId, SoqlResult result, int batchSize)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            ReleaseIdle(now);
            var mine = open.Values.Where(c => c.UserId == userId).OrderBy(c => c.LastUsed).ToList();
            for (var i = 0; i <= mine.Count - MaxOpenPerUser; i++)
                open.Remove(mine[i].Locator);
            var locator = SalesforceId.Create("01g", ++nextSequence);
            var cursor = new Cursor(locator, userId, result, batchSize, now);
            open[locator] = cursor;
            return cursor;
        }
    }

    /// <summary>The user's live cursor under a locator id, marked as just used; null when unknown, released or another user's.</summary>
    public Cursor? Find(string locator, string userId)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            ReleaseIdle(now);
            if (!open.TryGetValue(locator, out var cursor) || cursor.UserId != userId)
                return null;
            cursor.LastUsed = now;
            return cursor;
        }
    }

    public void Reset()
    {
        lock (gate)
            open.Clear();
    }

    private void ReleaseIdle(DateTimeOffset now)
    {
        foreach (var stale in open.Values.Where(c => now - c.LastUsed >= IdleTimeout).Select(c => c.Locator).ToList())
            open.Remove(stale);
    }
}

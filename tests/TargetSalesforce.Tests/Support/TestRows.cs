using System.Text;
using TargetSalesforce.Loading;
using TargetSalesforce.Loading.Buffering;

namespace TargetSalesforce.Tests.Support;

/// <summary>Buffered rows and a stream's counts for the flush tests: what each row holds matters less than its line.</summary>
internal static class TestRows
{
    /// <summary>A row of <paramref name="bytes"/> CSV bytes ("x…\n") read at <paramref name="line"/>.</summary>
    public static BufferedRow Row(long line, string? key = null, int bytes = 2, string? parentLock = null) =>
        new(Encoding.UTF8.GetBytes(new string('x', bytes - 1) + "\n"), key, line, 0, null, parentLock);

    public static StreamCounters Counters(string stream = "contacts") => new(stream, stream);

    /// <summary>Adds a plain row for each of <paramref name="lines"/>, in order.</summary>
    public static async Task AddAsync(FlushEngine engine, RowBuffer buffer, params long[] lines)
    {
        foreach (var line in lines)
        {
            await engine.AddAsync(buffer, Row(line), CancellationToken.None);
        }
    }
}

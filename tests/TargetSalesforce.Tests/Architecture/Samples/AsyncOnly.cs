namespace TargetSalesforce.Tests.Architecture.Samples.AsyncOnly;

/// <summary>Names Upstream only after an await (inside the compiler-made state machine).</summary>
internal static class Waiter
{
    public static async Task<int> CountAsync()
    {
        await Task.Yield();
        return Upstream.Marker.Count;
    }
}

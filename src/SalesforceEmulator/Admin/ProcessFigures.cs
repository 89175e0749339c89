using System.Diagnostics;
using System.Runtime;

namespace SalesforceEmulator.Admin;

/// <summary>
/// The emulator process's memory and garbage-collection figures, for `/__emulator/stats`: a benchmark reads them
/// to tell the emulator's own cost (peak memory, GC pauses) from the client's. `?gc=true` collects first, so the
/// managed heap is what the org and jobs really hold rather than garbage not yet collected.
/// </summary>
public static class ProcessFigures
{
    public static Dictionary<string, object> Read(bool collectFirst)
    {
        if (collectFirst)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        using var process = Process.GetCurrentProcess();
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        return new Dictionary<string, object>
        {
            ["workingSetBytes"] = process.WorkingSet64,
            ["peakWorkingSetBytes"] = process.PeakWorkingSet64,
            ["managedHeapBytes"] = GC.GetTotalMemory(forceFullCollection: false),
            ["gcHeapSizeBytes"] = info.HeapSizeBytes,
            ["gcPauseMilliseconds"] = (long)GC.GetTotalPauseDuration().TotalMilliseconds,
            ["gcCollections"] = new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) },
            ["serverGc"] = GCSettings.IsServerGC,
            // Interactive when background (concurrent) collection is on, Batch when it is off.
            ["gcLatencyMode"] = GCSettings.LatencyMode.ToString(),
        };
    }
}

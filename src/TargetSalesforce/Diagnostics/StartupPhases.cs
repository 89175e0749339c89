using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace TargetSalesforce.Diagnostics;

/// <summary>
/// Where start-up goes, for tuning (issue 15): each phase the target reaches once (entry, config checked,
/// logged in, object described, first job closed, …) is marked with the wall time since the process started,
/// the process's CPU time, and the JIT's count of compiled methods and time spent. Logged at DEBUG once, at the
/// end of the run. Marking costs a clock read and a few counters; only the first mark of each name is kept.
/// </summary>
internal static class StartupPhases
{
    /// <summary>Phases marked at most: start-up has a handful, so a bug marking in a loop stays bounded.</summary>
    private const int MaxMarks = 32;

    private static readonly Lock Gate = new();
    private static readonly List<Mark> Marks = [];

    /// <summary>Records that <paramref name="phase"/> was reached now (ignored if it was already).</summary>
    public static void Reached(string phase)
    {
        var mark = new Mark(
            phase, DateTime.UtcNow, Environment.CpuUsage.TotalTime, JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime(),
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes());
        lock (Gate)
        {
            if (Marks.Count < MaxMarks && !Marks.Exists(m => m.Phase == phase))
            {
                Marks.Add(mark);
            }
        }
    }

    /// <summary>
    /// One line: each phase as "name +wall s (cpu s, jit N methods/ms, gc N/N/N by generation, allocated MB)", wall from
    /// process start; empty when none was marked.
    /// </summary>
    public static string Describe()
    {
        List<Mark> marks;
        lock (Gate)
        {
            marks = [.. Marks];
        }

        if (marks.Count == 0)
        {
            return string.Empty;
        }

        var started = ProcessStart() ?? marks[0].At;
        return string.Join("; ", marks.Select(m => string.Create(
            CultureInfo.InvariantCulture,
            $"{m.Phase} {(m.At - started).TotalSeconds:F3} s (cpu {m.Cpu.TotalSeconds:F3} s, jit {m.JitMethods} methods {m.JitTime.TotalMilliseconds:F0} ms, gc {m.Gen0}/{m.Gen1}/{m.Gen2}, allocated {m.Allocated / 1e6:F0} MB)")));
    }

    /// <summary>When the OS started this process (whole clock ticks, 10 ms on Linux); null where it cannot be read.</summary>
    private static DateTime? ProcessStart()
    {
        try
        {
            using var process = Process.GetCurrentProcess();
            return process.StartTime.ToUniversalTime();
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private readonly record struct Mark(string Phase, DateTime At, TimeSpan Cpu, long JitMethods, TimeSpan JitTime, int Gen0, int Gen1, int Gen2, long Allocated);
}

using System.Runtime.InteropServices;

namespace TargetSalesforce.Benchmarks.Measurement;

/// <summary>
/// getrusage(RUSAGE_CHILDREN): the CPU time and peak RSS of every child this process has started
/// and reaped. Read before a child starts and after .NET has reaped it, the CPU difference is
/// exactly that child's user+sys time, to its last instruction (sampling /proc before exit would
/// miss the shutdown). Linux only; elsewhere <see cref="TryRead"/> says so.
/// </summary>
public readonly record struct ChildResourceUsage(TimeSpan CpuTime, long PeakRssBytes)
{
    private const int RusageChildren = -1;

    /// <summary>Null where getrusage is not available (not Linux).</summary>
    public static ChildResourceUsage? TryRead()
    {
        if (!OperatingSystem.IsLinux() || getrusage(RusageChildren, out var usage) != 0)
        {
            return null;
        }

        var cpu = TimeSpan.FromTicks((usage.UserSeconds + usage.SystemSeconds) * TimeSpan.TicksPerSecond
            + (usage.UserMicroseconds + usage.SystemMicroseconds) * TimeSpan.TicksPerMicrosecond);
        return new ChildResourceUsage(cpu, usage.MaxRssKilobytes * 1024);
    }

    // struct rusage on 64-bit Linux: two timevals, then fourteen longs of which ru_maxrss (KiB) is the first.
    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRssKilobytes;
        private readonly long ixrss, idrss, isrss, minflt, majflt, nswap, inblock, oublock, msgsnd, msgrcv, nsignals, nvcsw, nivcsw;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, out Rusage usage);
}

using System.Runtime.InteropServices;

namespace TargetSalesforce.Salesforce.Csv;

/// <summary>
/// Asks Linux to map a fresh array's pages in one call (<c>madvise(MADV_POPULATE_WRITE)</c>, kernel 5.14 and
/// later) rather than one page fault per 4 KB page as rows are copied in. Buffered rows are the bulk of what a
/// run holds, and on a virtual machine a fault costs microseconds: the faults of the row arrays were about 5 % of
/// the target's CPU at 300,000 records (docs/benchmark.md, round 12). Elsewhere, or where the call is refused, it
/// does nothing and the pages fault in as before.
/// </summary>
internal static class PagePrefault
{
    private const int MadvisePopulateWrite = 23;

    private static bool unavailable = !OperatingSystem.IsLinux();

    /// <summary>
    /// Maps the whole pages of <paramref name="pinned"/> (an array that never moves: the pinned object heap).
    /// True when the kernel did; false where it cannot (not Linux, or a kernel before 5.14), which is no error.
    /// </summary>
    public static bool Populate(byte[] pinned)
    {
        if (Volatile.Read(ref unavailable))
        {
            return false;
        }

        var page = (nint)Environment.SystemPageSize;
        var start = Marshal.UnsafeAddrOfPinnedArrayElement(pinned, 0);
        var first = (start + page - 1) & ~(page - 1);
        var end = (start + pinned.Length) & ~(page - 1);
        if (end <= first)
        {
            return false;
        }

        try
        {
            if (Madvise(first, (nuint)(end - first), MadvisePopulateWrite) == 0)
            {
                return true;
            }
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
        }

        Volatile.Write(ref unavailable, true); // an older kernel (EINVAL) or no libc: stop asking
        return false;
    }

    // Every argument is a plain number, so the call needs no marshalling (and no unsafe code for LibraryImport).
    [DllImport("libc", EntryPoint = "madvise")]
    private static extern int Madvise(nint address, nuint length, int advice);
}

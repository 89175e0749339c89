using TargetSalesforce.Salesforce.Csv;

namespace TargetSalesforce.Tests.Salesforce.Csv;

public class PagePrefaultTests
{
    private const int Pages = 4096;

    [Test]
    public void A_populated_array_keeps_what_was_written_in_it()
    {
        var array = GC.AllocateUninitializedArray<byte>(64 * 1024, pinned: true);
        Random.Shared.NextBytes(array);
        var before = array.ToArray();

        PagePrefault.Populate(array);

        Assert.That(array, Is.EqualTo(before));
    }

    [Test]
    public void On_linux_5_14_or_later_the_pages_are_mapped_before_rows_are_written_so_writing_them_faults_no_more()
    {
        Assume.That(OperatingSystem.IsLinux() && Environment.OSVersion.Version >= new Version(5, 14), "MADV_POPULATE_WRITE needs Linux 5.14");
        var pageSize = Environment.SystemPageSize;
        var array = GC.AllocateUninitializedArray<byte>(Pages * pageSize, pinned: true);

        Assert.That(PagePrefault.Populate(array), Is.True);
        var faultsBefore = MinorFaults();
        for (var offset = 0; offset < array.Length; offset += pageSize)
        {
            array[offset] = 1;
        }

        // Other threads of the test run fault now and then too; an unpopulated array would add one a page.
        Assert.That(MinorFaults() - faultsBefore, Is.LessThan(Pages / 4));
    }

    /// <summary>The process's minor page faults so far (/proc/self/stat, field 10).</summary>
    private static long MinorFaults()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], System.Globalization.CultureInfo.InvariantCulture);
    }
}

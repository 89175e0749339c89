using TargetSalesforce.Loading;
using TargetSalesforce.Loading.Buffering;

namespace TargetSalesforce.Tests.Loading.Buffering;

/// <summary>Rows that lock parents are ordered by parent and cut into one-chunk jobs at parent boundaries.</summary>
public class ParentGroupedJobsTests
{
    private static BufferedRow Row(long line, string? parent) => new(ReadOnlyMemory<byte>.Empty, null, line, 0, null, parent);

    private static string[] Parents(BufferedRow[] job) => job.Select(r => r.ParentLock ?? "-").ToArray();

    [Test]
    public void Rows_are_ordered_by_parent_keeping_input_order_within_one_and_cut_where_a_parent_would_straddle()
    {
        var rows = new[] { Row(1, "A.Id=b"), Row(2, "A.Id=a"), Row(3, null), Row(4, "A.Id=B"), Row(5, "A.Id=c"), Row(6, "A.Id=a") };

        var jobs = ParentGroupedJobs.Cut(rows, chunkRows: 3);

        Assert.That(jobs.Select(Parents), Is.EqualTo(new[]
        {
            new[] { "A.Id=a", "A.Id=a" },            // b's two rows would make four: cut before them
            new[] { "A.Id=b", "A.Id=B", "A.Id=c" },  // external ids match ignoring case, as in Salesforce
            new[] { "-" },                           // rows naming no parent go last
        }));
        Assert.That(jobs[0].Select(r => r.Line), Is.EqualTo(new[] { 2L, 6L }));
    }

    [Test]
    public void A_parent_with_more_rows_than_a_chunk_gets_chunk_sized_jobs_of_its_own()
    {
        var rows = Enumerable.Range(1, 7).Select(i => Row(i, "A.Id=big")).Append(Row(8, "A.Id=small")).ToArray();

        var jobs = ParentGroupedJobs.Cut(rows, chunkRows: 3);

        // The big parent's rest shares a job with the next parent: its jobs all name "big", so they run one at a time.
        Assert.That(jobs.Select(j => j.Length), Is.EqualTo(new[] { 3, 3, 2 }));
        Assert.That(jobs.Take(2).SelectMany(j => j).All(r => r.ParentLock == "A.Id=big"), Is.True);
        Assert.That(ParentGroupedJobs.ParentsOf(jobs[2]), Is.EquivalentTo(new[] { "A.Id=big", "A.Id=small" }));
    }

    [Test]
    public void A_row_naming_two_parents_locks_both()
    {
        var job = new[] { Row(1, "Account.Id=001A\nOrder__c.Id=a01B"), Row(2, "Account.Id=001A") };

        Assert.That(ParentGroupedJobs.ParentsOf(job), Is.EquivalentTo(new[] { "Account.Id=001A", "Order__c.Id=a01B" }));
    }

    [TestCase(50_000, 4, 10_000)]
    [TestCase(10_000, 4, 2_500)]
    [TestCase(300, 4, 200)]
    public void Jobs_are_a_chunk_at_most_and_small_enough_to_fill_every_slot(int batch, int slots, int expected)
    {
        Assert.That(ParentGroupedJobs.JobRows(batch, slots), Is.EqualTo(expected));
    }

    [Test]
    public void A_batch_of_one_chunk_or_less_with_one_parent_stays_one_job()
    {
        var rows = Enumerable.Range(1, 10_000).Select(i => Row(i, "A.Id=x")).ToArray();

        Assert.That(ParentGroupedJobs.Cut(rows), Has.Count.EqualTo(1));
    }
}

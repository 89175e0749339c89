namespace TargetSalesforce.Loading.Buffering;

/// <summary>
/// Cuts the rows of a writer whose rows lock their parents into jobs that never make two Salesforce workers
/// fight over one parent. Salesforce splits a job into chunks of 10,000 rows and runs chunks (of one job and of
/// others) on parallel workers; a chunk saving a parent's children locks that parent, so two chunks holding
/// children of one parent collide (UNABLE_TO_LOCK_ROW). So: rows are ordered by parent (stable, within the batch
/// already held), and cut into jobs of at most one chunk at parent boundaries; a parent with more children than a
/// chunk gets jobs of its own, which the scheduler runs one at a time since they share the parent. Salesforce's
/// own Data Processing Engine writes this way ("Related Record Writeback").
/// </summary>
internal static class ParentGroupedJobs
{
    /// <summary>Rows Salesforce processes as one chunk on one worker.</summary>
    public const int ChunkRows = 10_000;

    /// <summary>
    /// Rows per job for a batch: a chunk at most, and small enough that the batch makes <paramref name="jobsPerBatch"/>
    /// jobs, so Salesforce's workers run parents side by side (with few parents, every batch names them all, and
    /// one-chunk jobs would each wait for the last); never less than one 200-row transaction.
    /// </summary>
    public static int JobRows(int batchRows, int jobsPerBatch) =>
        Math.Clamp((batchRows + jobsPerBatch - 1) / Math.Max(1, jobsPerBatch), TransactionRows, ChunkRows);

    /// <summary>Rows Salesforce saves in one transaction.</summary>
    public const int TransactionRows = 200;

    public static List<BufferedRow[]> Cut(BufferedRow[] rows, int chunkRows = ChunkRows)
    {
        // Rows naming no parent lock nothing: they go last, packed like the rest.
        var ordered = rows.OrderBy(r => r.ParentLock, NullsLast.Instance).ToArray();
        var jobs = new List<BufferedRow[]>();
        var start = 0; // the first row of the job being packed
        var group = 0;
        while (group < ordered.Length)
        {
            var end = group + 1;
            while (end < ordered.Length && NullsLast.Instance.Compare(ordered[end].ParentLock, ordered[group].ParentLock) == 0)
            {
                end++;
            }

            if (end - start > chunkRows && group > start)
            {
                jobs.Add(ordered[start..group]); // the next parent's rows would not fit: cut before them
                start = group;
            }

            while (end - start > chunkRows)
            {
                jobs.Add(ordered[start..(start + chunkRows)]); // a parent larger than a chunk: chunk-sized jobs of its own
                start += chunkRows;
            }

            group = end;
        }

        if (start < ordered.Length)
        {
            jobs.Add(ordered[start..]);
        }

        return jobs;
    }

    /// <summary>The distinct parents a job's rows lock.</summary>
    public static IReadOnlyCollection<string> ParentsOf(BufferedRow[] rows)
    {
        var parents = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            if (row.ParentLock is not { } parentLock)
            {
                continue;
            }

            if (parentLock.Contains(Destination.EncodedRecord.ParentLockSeparator, StringComparison.Ordinal))
            {
                parents.UnionWith(parentLock.Split(Destination.EncodedRecord.ParentLockSeparator));
            }
            else
            {
                parents.Add(parentLock);
            }
        }

        return parents;
    }

    /// <summary>Parent keys ignoring case (external ids match so in Salesforce; a needless wait is cheap), no parent last.</summary>
    private sealed class NullsLast : IComparer<string?>
    {
        public static readonly NullsLast Instance = new();

        public int Compare(string? x, string? y) =>
            x is null ? (y is null ? 0 : 1) : y is null ? -1 : StringComparer.OrdinalIgnoreCase.Compare(x, y);
    }
}

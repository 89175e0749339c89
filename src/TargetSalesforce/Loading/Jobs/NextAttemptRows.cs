namespace TargetSalesforce.Loading.Jobs;

/// <summary>
/// What a job still owes Salesforce after an attempt, to be sent in its next Bulk job. The job keeps its
/// keys until it owes nothing, so no later record of those keys can overtake these rows.
/// <list type="bullet">
/// <item>Rows that hit UNABLE_TO_LOCK_ROW, each until it has had its own <c>lock_retry_attempts</c>.</item>
/// <item>Replays. A row that had replaced earlier records of its key (see <see cref="BufferedRow.Superseded"/>)
/// and failed has not failed yet: its latest earlier record goes next, and the row again once that one has
/// settled, as a record-by-record load would have sent them. Its failure may have come from the order
/// alone (an upsert that creates a row needs fields an update does not), so only its last attempt counts.</item>
/// </list>
/// </summary>
internal sealed class NextAttemptRows(int lockRetryAttempts)
{
    private readonly Dictionary<BufferedRow, int> lockRetriesTaken = new(ReferenceEqualityComparer.Instance);

    // An earlier record being sent → the later record of its key that goes once it has settled.
    private readonly Dictionary<BufferedRow, BufferedRow> waitingFor = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<BufferedRow> replaying = new(ReferenceEqualityComparer.Instance);
    private readonly List<BufferedRow> rows = [];

    public bool IsEmpty => rows.Count == 0;

    /// <summary>Rows of the next attempt that go again after UNABLE_TO_LOCK_ROW.</summary>
    public int LockRetryCount { get; private set; }

    /// <summary>Earlier records of failed rows' keys in the next attempt.</summary>
    public int EarlierRecordCount { get; private set; }

    /// <summary>The most retries any locked row of the next attempt has had, counting that one.</summary>
    public int HighestLockRetry { get; private set; }

    /// <summary>Takes a locked row for another attempt; false when it has had all its retries (its failure then stands).</summary>
    public bool TryLockRetry(BufferedRow row)
    {
        var taken = lockRetriesTaken.GetValueOrDefault(row);
        if (taken >= lockRetryAttempts)
        {
            return false;
        }

        lockRetriesTaken[row] = ++taken;
        HighestLockRetry = Math.Max(HighestLockRetry, taken);
        LockRetryCount++;
        rows.Add(row);
        return true;
    }

    /// <summary>
    /// A failed row that had replaced earlier records of its key: its latest earlier record goes next and the
    /// row waits for it. False when it replaced none (its failure then stands).
    /// </summary>
    public bool TryReplayEarlier(BufferedRow row)
    {
        if (row.TakeLatestSuperseded() is not { } earlier)
        {
            return false;
        }

        waitingFor[earlier] = row;
        replaying.Add(earlier);
        replaying.Add(row);
        EarlierRecordCount++;
        rows.Add(earlier);
        return true;
    }

    /// <summary>The row committed, or failed for good: the later record of its key that waited for it goes next.</summary>
    public void Settled(BufferedRow row)
    {
        if (waitingFor.Count > 0 && waitingFor.Remove(row, out var later))
        {
            rows.Add(later);
        }
    }

    /// <summary>
    /// After a halt, the job's locked rows are not tried again: they stay unsettled (not reached). Replays go on
    /// to their end, locks included: they are bounded, and each record in them ends with its own outcome.
    /// </summary>
    public void DropLockRetries() => rows.RemoveAll(row => !replaying.Contains(row));

    /// <summary>The rows of the next attempt; starts empty again.</summary>
    public BufferedRow[] Take()
    {
        var next = rows.ToArray();
        rows.Clear();
        LockRetryCount = 0;
        EarlierRecordCount = 0;
        HighestLockRetry = 0;
        return next;
    }
}

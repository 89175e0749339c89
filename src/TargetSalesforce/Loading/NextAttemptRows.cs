namespace TargetSalesforce.Loading;

/// <summary>
/// What a job still owes Salesforce after an attempt, to be sent in its next Bulk job: rows that hit
/// UNABLE_TO_LOCK_ROW (each until it has had its own <c>lock_retry_attempts</c>), and follow-ups: for a
/// failed row that had replaced earlier records of its key, the latest of those, which a record-by-record
/// load would have left in the org. The job keeps its keys until these are sent, so no later record of
/// the same key can overtake them.
/// </summary>
internal sealed class NextAttemptRows(int lockRetryAttempts)
{
    private readonly Dictionary<BufferedRow, int> lockRetriesTaken = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<BufferedRow> sentAsFollowUp = new(ReferenceEqualityComparer.Instance);
    private readonly List<BufferedRow> lockRetries = [];
    private readonly List<BufferedRow> followUps = [];

    public bool IsEmpty => lockRetries.Count == 0 && followUps.Count == 0;

    public int LockRetryCount => lockRetries.Count;

    public int FollowUpCount => followUps.Count;

    /// <summary>The most retries any row of the next attempt has had, counting that one.</summary>
    public int HighestLockRetry { get; private set; }

    /// <summary>Takes a locked row for another attempt; false when it has had all its retries (it is then a failed record).</summary>
    public bool TryLockRetry(BufferedRow row)
    {
        var taken = lockRetriesTaken.GetValueOrDefault(row);
        if (taken >= lockRetryAttempts)
        {
            return false;
        }

        lockRetriesTaken[row] = ++taken;
        HighestLockRetry = Math.Max(HighestLockRetry, taken);
        lockRetries.Add(row);
        return true;
    }

    /// <summary>An earlier record of a failed row's key, to be sent in that row's place.</summary>
    public void FollowUp(BufferedRow earlier)
    {
        sentAsFollowUp.Add(earlier);
        followUps.Add(earlier);
    }

    /// <summary>
    /// After a halt, locked rows of the job are not tried again: they stay unsettled (not reached). Follow-ups
    /// still go, and a follow-up that hit a lock keeps its retries: each is an earlier record of a failed key,
    /// which a record-by-record load would have committed before it met that failure.
    /// </summary>
    public void DropLockRetries() => lockRetries.RemoveAll(row => !sentAsFollowUp.Contains(row));

    /// <summary>The rows of the next attempt; starts empty again.</summary>
    public BufferedRow[] Take()
    {
        var rows = lockRetries.Concat(followUps).ToArray();
        lockRetries.Clear();
        followUps.Clear();
        HighestLockRetry = 0;
        return rows;
    }
}

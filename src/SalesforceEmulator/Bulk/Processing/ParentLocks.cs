namespace SalesforceEmulator.Bulk.Processing;

/// <summary>
/// The org's row locks on parent records, by record id, held by Bulk transactions and REST write calls. A transaction takes all the
/// parents it needs at once or waits (on the emulator's clock) until they are all free; at the lock timeout it takes
/// those that are free and reports the rest, whose rows then fail with UNABLE_TO_LOCK_ROW. Taking all at once means
/// no transaction holds some parents while waiting for others, so two transactions never wait on each other.
/// </summary>
public sealed class ParentLocks(TimeProvider time)
{
    private readonly object gate = new();
    private readonly HashSet<string> held = new(StringComparer.Ordinal);
    private readonly ProgressSignal changed = new();
    private TaskCompletionSource released = NewSignal();
    private int waiters;

    /// <summary>Parents now locked (for tests and the stats page).</summary>
    public int HeldCount
    {
        get
        {
            lock (gate)
                return held.Count;
        }
    }

    /// <summary>Transactions now waiting for a parent another holds (for tests and the stats page).</summary>
    public int WaitingCount => Volatile.Read(ref waiters);

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking it whenever a lock is taken, waited for or released.</summary>
    public Task WaitUntilAsync(Func<ParentLocks, bool> condition, CancellationToken cancellationToken) =>
        changed.WaitUntilAsync(() => condition(this), cancellationToken);

    /// <summary>
    /// Locks <paramref name="parents"/>, waiting up to <paramref name="timeout"/> for them all; returns the ones it
    /// could not lock (empty when it has them all). <paramref name="waiting"/> is told when the wait starts and ends.
    /// </summary>
    public async Task<IReadOnlySet<string>> AcquireAsync(IReadOnlySet<string> parents, TimeSpan timeout, Action<bool> waiting,
        CancellationToken cancellationToken)
    {
        if (parents.Count == 0)
            return parents;
        var deadline = time.GetUtcNow() + timeout;
        var waited = false;
        try
        {
            while (true)
            {
                Task signal;
                TimeSpan remaining;
                lock (gate)
                {
                    if (!parents.Overlaps(held))
                    {
                        held.UnionWith(parents);
                        changed.Fire();
                        return new HashSet<string>(StringComparer.Ordinal);
                    }
                    remaining = deadline - time.GetUtcNow();
                    if (remaining <= TimeSpan.Zero)
                    {
                        var busy = TakeFree(parents);
                        changed.Fire();
                        return busy;
                    }
                    signal = released.Task;
                }
                if (!waited)
                {
                    waited = true;
                    Interlocked.Increment(ref waiters);
                    waiting(true);
                    changed.Fire();
                }
                // Wake at a release or at the deadline, whichever comes first, and look again.
                using var timer = new CancellationTokenSource(remaining, time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
                try
                {
                    await signal.WaitAsync(linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }
        finally
        {
            if (waited)
            {
                Interlocked.Decrement(ref waiters);
                waiting(false);
                changed.Fire();
            }
        }
    }

    /// <summary>Frees the parents a transaction locked and wakes the transactions waiting for any.</summary>
    public void Release(IEnumerable<string> parents)
    {
        TaskCompletionSource fired;
        lock (gate)
        {
            foreach (var parent in parents)
                held.Remove(parent);
            fired = released;
            released = NewSignal();
        }
        fired.TrySetResult();
        changed.Fire();
    }

    /// <summary>At the timeout: locks the free parents and returns the held ones. Caller holds the gate.</summary>
    private HashSet<string> TakeFree(IReadOnlySet<string> parents)
    {
        var busy = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parent in parents)
        {
            if (!held.Add(parent))
                busy.Add(parent);
        }
        return busy;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

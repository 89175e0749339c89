namespace SalesforceEmulator.Bulk;

/// <summary>
/// A job's "something changed" signal: its state, counters or pauses moved. Waiters re-check their condition at every
/// signal, so tests can drive a fake clock until a job reaches a point without ever sleeping.
/// </summary>
internal sealed class ProgressSignal
{
    private readonly object gate = new();
    private TaskCompletionSource current = NewSource();

    /// <summary>Completes at the next <see cref="Fire"/>: take it before checking a condition, so a change in between still wakes.</summary>
    public Task Next
    {
        get
        {
            lock (gate)
                return current.Task;
        }
    }

    /// <summary>Wakes every waiter (each then re-checks its condition).</summary>
    public void Fire()
    {
        TaskCompletionSource fired;
        lock (gate)
        {
            fired = current;
            current = NewSource();
        }
        fired.TrySetResult();
    }

    /// <summary>Waits until the condition holds, re-checking it at every <see cref="Fire"/>.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Take the signal before checking, so a change between the check and the wait still wakes this waiter.
            var signal = Next;
            if (condition())
                return;
            await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

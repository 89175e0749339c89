using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using TargetSalesforce.Destination;

namespace TargetSalesforce.Loading.Jobs;

/// <summary>
/// Runs up to <c>max_parallel_jobs</c> jobs at once, across streams and within one, while reading
/// goes on. Submitting waits for a free slot: that wait is the backpressure that pauses the reader
/// and keeps memory bounded. A job that writes a key an earlier job still holds starts only after
/// that job ends, so no two jobs in flight share a key and the last record of a key is the one that
/// stays. Inserts have no keys and never wait for each other. Likewise a job whose rows lock a parent record
/// another job in flight locks (<see cref="LoadJob.ParentLocks"/>) starts only after that job ends. A job whose relationship columns look
/// up another object starts only after that object's jobs admitted before it have ended, because
/// Salesforce resolves a relationship only against records already committed.
/// <para>
/// A job admitted while every slot is taken (or while it waits for a key or a parent) is staged at once:
/// its Bulk job is created and its data uploaded, but it is closed only when it holds a slot and its
/// waits are over. Salesforce processes only closed jobs, so the limits above hold as before; only the
/// upload overlaps the jobs processing. At most <c>stagedJobs</c> jobs beyond the slots are admitted, which
/// bounds the rows held. A staged job that will never be closed (a halt, an abort) is aborted.
/// </para>
/// </summary>
internal sealed class JobScheduler : IDisposable
{
    private readonly SemaphoreSlim admission;
    private readonly SemaphoreSlim slots;

    // One upload at a time: on two cores parallel uploads only compete, and after a failed create (a request
    // limit, say) the next job sees the halt before it sends one more.
    private readonly SemaphoreSlim staging = new(1, 1);
    private readonly Func<LoadJob, CancellationToken, Task<IStagedLoad>> stage;
    private readonly Func<LoadJob, IStagedLoad, CancellationToken, Task> execute;
    private readonly RunHalt halt;
    private readonly CancellationTokenSource abort = new();
    private readonly object gate = new();

    // The jobs admitted and not ended. A job waits for each of them that writes the same object and shares a key with
    // it (KeyFingerprints: keys compare ignoring case, since a needless wait is cheap and a missed one is not).
    private readonly HashSet<LoadJob> admitted = [];

    // Parent record → the last job admitted whose rows lock it, across objects (Contacts and Opportunities lock one Account).
    private readonly Dictionary<string, LoadJob> parentOwners = new(StringComparer.OrdinalIgnoreCase);

    // Slots go to jobs in the order they were admitted (serial mode stays in input order): each job takes its
    // slot only after the job admitted before it has taken one (or ended).
    private Task lastTurn = Task.CompletedTask;
    private int running;

    /// <summary>A scheduler whose jobs have no separate staging step: admission waits for a slot.</summary>
    public JobScheduler(int maxParallelJobs, Func<LoadJob, CancellationToken, Task> execute, RunHalt halt)
        : this(maxParallelJobs, 0, (_, _) => Task.FromResult<IStagedLoad>(FinishedLoad.Empty), (job, _, token) => execute(job, token), halt)
    {
    }

    /// <param name="maxParallelJobs">Jobs Salesforce may process at once (closed and not finished).</param>
    /// <param name="stagedJobs">Jobs admitted beyond the slots, staged (uploaded, still open) while they wait.</param>
    /// <param name="stage">Creates and uploads a job without closing it.</param>
    /// <param name="execute">Closes the staged job and sees it through; runs only while the job holds a slot.</param>
    /// <param name="halt">The run's stop signal.</param>
    public JobScheduler(
        int maxParallelJobs,
        int stagedJobs,
        Func<LoadJob, CancellationToken, Task<IStagedLoad>> stage,
        Func<LoadJob, IStagedLoad, CancellationToken, Task> execute,
        RunHalt halt)
    {
        MaxParallelJobs = Math.Max(1, maxParallelJobs);
        var admitted = MaxParallelJobs + Math.Max(0, stagedJobs);
        admission = new SemaphoreSlim(admitted, admitted);
        slots = new SemaphoreSlim(MaxParallelJobs, MaxParallelJobs);
        this.stage = stage;
        this.execute = execute;
        this.halt = halt;
    }

    public int MaxParallelJobs { get; }

    /// <summary>Jobs loading right now.</summary>
    public int Running => Volatile.Read(ref running);

    /// <summary>Jobs admitted and not finished (running, staged and waiting for a slot, or waiting for a job that holds one of their keys).</summary>
    public int Admitted
    {
        get
        {
            lock (gate)
            {
                return admitted.Count;
            }
        }
    }

    /// <summary>Admits a job once there is room (a slot or a staging place); returns as soon as it is admitted, not when it ends.</summary>
    public async Task SubmitAsync(LoadJob job, CancellationToken cancellationToken)
    {
        await admission.WaitAsync(cancellationToken).ConfigureAwait(false);
        List<Task>? earlier = null;
        Task previousTurn;
        var turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var keys = job.Keys;
        lock (gate)
        {
            if (keys.Count > 0)
            {
                foreach (var other in admitted)
                {
                    if (other != job
                        && string.Equals(other.Writer.Operation.ObjectName, job.Writer.Operation.ObjectName, StringComparison.OrdinalIgnoreCase)
                        && other.Keys.Overlaps(keys))
                    {
                        (earlier ??= []).Add(other.Done);
                    }
                }
            }

            foreach (var parentLock in job.ParentLocks)
            {
                ref var owner = ref CollectionsMarshal.GetValueRefOrAddDefault(parentOwners, parentLock, out _);
                if (owner is not null && owner != job)
                {
                    (earlier ??= []).Add(owner.Done);
                }

                owner = job;
            }

            foreach (var parent in job.Writer.ParentObjects)
            {
                foreach (var parentJob in admitted.Where(j => string.Equals(j.Writer.Operation.ObjectName, parent, StringComparison.OrdinalIgnoreCase)))
                {
                    (earlier ??= []).Add(parentJob.Done);
                }
            }

            admitted.Add(job);
            previousTurn = lastTurn;
            lastTurn = turn.Task;
        }

        _ = RunAsync(job, earlier?.Distinct().ToArray(), previousTurn, turn);
    }

    /// <summary>Completes when every admitted job has ended.</summary>
    public Task WhenIdleAsync()
    {
        lock (gate)
        {
            return Task.WhenAll(admitted.Select(j => j.Done).ToArray());
        }
    }

    /// <summary>Cancels the jobs still loading (the grace period after a termination signal is over).</summary>
    public void Abort() => abort.Cancel();

    [SuppressMessage("Design", "CA1031", Justification = "A job that fails in any way halts the run with its reason; the scheduler itself goes on to release its slot and keys.")]
    private async Task RunAsync(LoadJob job, Task[]? earlier, Task previousTurn, TaskCompletionSource turn)
    {
        IStagedLoad? staged = null;
        var holdsSlot = false;
        try
        {
            await Task.Yield(); // the reader goes on at once; the job runs on the pool

            // After a halt, jobs not yet started stay unloaded: their records are "not reached".
            if (Stopped)
            {
                return;
            }

            await staging.WaitAsync(abort.Token).ConfigureAwait(false);
            try
            {
                if (Stopped)
                {
                    return;
                }

                staged = await stage(job, abort.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !abort.IsCancellationRequested)
            {
                // Halted before the gate opens, so the next job does not stage after a failure.
                halt.Halt(HaltReason(job, exception));
                return;
            }
            finally
            {
                staging.Release();
            }

            await previousTurn.WaitAsync(abort.Token).ConfigureAwait(false);
            await slots.WaitAsync(abort.Token).ConfigureAwait(false);
            holdsSlot = true;
            turn.TrySetResult();

            // Holding the slot while waiting keeps the order of slots; the jobs waited for were admitted earlier, so they already hold theirs.
            if (earlier is not null)
            {
                await Task.WhenAll(earlier).ConfigureAwait(false);
            }

            if (Stopped)
            {
                return;
            }

            // From here the job's steps own the staged load: they close it, or abort it when closing fails.
            var closing = staged;
            staged = null;
            Interlocked.Increment(ref running);
            try
            {
                await execute(job, closing, abort.Token).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // Aborted at shutdown: the rows stay unsettled, so no state passes them.
        }
        catch (Exception exception)
        {
            halt.Halt(HaltReason(job, exception));
        }
        finally
        {
            turn.TrySetResult();
            lock (gate)
            {
                foreach (var parentLock in job.ParentLocks)
                {
                    if (parentOwners.Remove(parentLock, out var owner) && owner != job)
                    {
                        parentOwners[parentLock] = owner; // a later job locks it too: it keeps it
                    }
                }

                admitted.Remove(job);
            }

            if (staged is not null)
            {
                // Never closed: drop the open job so none is left behind with our data in it.
                await staged.AbortAsync().ConfigureAwait(false);
            }

            if (holdsSlot)
            {
                slots.Release();
            }

            admission.Release();
            job.MarkDone();
        }
    }

    private bool Stopped => halt.IsHalted || abort.IsCancellationRequested;

    /// <summary>A refusal to start over an allowance is not a failure of the job: its own words say why the run stops.</summary>
    private static string HaltReason(LoadJob job, Exception exception) =>
        exception is AllowanceReachedException ? exception.Message : $"loading {job} failed: {exception.Message}";

    public void Dispose()
    {
        admission.Dispose();
        slots.Dispose();
        staging.Dispose();
        abort.Dispose();
    }
}

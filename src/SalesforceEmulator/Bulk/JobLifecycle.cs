namespace SalesforceEmulator.Bulk;

/// <summary>
/// The state machine both kinds of Bulk API 2.0 job share, and what moves with the state: the modstamp, a failure's
/// message, when processing started and ended, the completion task, the abort token and the progress signal.
/// Moves happen under <see cref="Gate"/>.
/// </summary>
internal sealed class JobLifecycle(JobState initial, DateTimeOffset createdDate)
{
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public object Gate { get; } = new();

    public JobState State { get; private set; } = initial;

    public DateTimeOffset SystemModstamp { get; private set; } = createdDate;

    public string? ErrorMessage { get; private set; }

    /// <summary>When the job moved to InProgress.</summary>
    public DateTimeOffset? ProcessingStarted { get; private set; }

    /// <summary>When the job reached JobComplete, Failed or Aborted.</summary>
    public DateTimeOffset? ProcessingEnded { get; private set; }

    /// <summary>Completes when the job reaches JobComplete, Failed or Aborted.</summary>
    public Task Completion => completion.Task;

    /// <summary>Cancelled when the job is aborted, to stop its processing.</summary>
    public CancellationTokenSource AbortSource { get; } = new();

    /// <summary>Fired at every move (the jobs fire it at their other changes too).</summary>
    public ProgressSignal Progress { get; } = new();

    /// <summary>Moves from one state to another if the job is in the first; false otherwise. Caller locks Gate.</summary>
    public bool TryMove(JobState from, JobState to, DateTimeOffset now, string? errorMessage = null)
    {
        if (State != from)
            return false;
        State = to;
        SystemModstamp = now;
        if (to == JobState.InProgress)
            ProcessingStarted = now;
        if (to == JobState.Failed)
            ErrorMessage = errorMessage;
        if (to.IsTerminal())
        {
            ProcessingEnded = now;
            if (to == JobState.Aborted)
                AbortSource.Cancel();
            completion.TrySetResult();
        }
        Progress.Fire();
        return true;
    }
}

namespace TargetSalesforce.Salesforce.Bulk;

/// <summary>
/// The closed jobs a run is waiting for, oldest first. Salesforce takes chunks from one org-wide queue in the order
/// jobs were closed, so the oldest job is nearly always the next to end: it is the one worth polling closely, and the
/// moment it is seen finished, the next oldest is polled at once (jobs run side by side end in bursts). Younger jobs
/// poll only now and then, for the job that ends out of turn (an upload Salesforce refuses, a small job beside a big one).
/// </summary>
internal sealed class PollTurns
{
    private readonly object gate = new();
    private readonly LinkedList<Turn> waiting = new();

    /// <summary>Joins the queue as its youngest: call when the job is closed.</summary>
    public Turn Join()
    {
        lock (gate)
        {
            var turn = new Turn(this);
            turn.Node = waiting.AddLast(turn);
            if (waiting.First == turn.Node)
            {
                turn.Promote();
            }

            return turn;
        }
    }

    private void Leave(Turn turn)
    {
        Turn? next = null;
        lock (gate)
        {
            if (turn.Node?.List is null)
            {
                return;
            }

            var wasFirst = waiting.First == turn.Node;
            waiting.Remove(turn.Node);
            turn.Node = null;
            if (wasFirst && waiting.First is { } first)
            {
                next = first.Value;
            }
        }

        next?.Promote();
    }

    /// <summary>One job's place in the queue; leaving it (Dispose) hands the first place on.</summary>
    internal sealed class Turn(PollTurns owner) : IDisposable
    {
        private readonly TaskCompletionSource first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal LinkedListNode<Turn>? Node { get; set; }

        /// <summary>The oldest job waited for.</summary>
        public bool IsFirst => first.Task.IsCompleted;

        /// <summary>Waits <paramref name="wait"/>, or less: a younger job's wait ends the moment it becomes the oldest.</summary>
        public async Task DelayAsync(TimeSpan wait, TimeProvider time, CancellationToken cancellationToken)
        {
            if (IsFirst)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                return;
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(wait, time, stop.Token);
            await Task.WhenAny(delay, first.Task).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false); // the timer goes when the first place came sooner
            cancellationToken.ThrowIfCancellationRequested();
        }

        public void Dispose() => owner.Leave(this);

        internal void Promote() => first.TrySetResult();
    }
}

using TargetSalesforce.Output;

namespace TargetSalesforce.Tests.Support;

/// <summary>Keeps every state written, and lets a test wait for the n-th one.</summary>
internal sealed class RecordingStateOutput : IStateOutput
{
    private readonly object gate = new();
    private readonly List<string> states = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> waiters = [];

    public IReadOnlyList<string> States
    {
        get
        {
            lock (gate)
            {
                return states.ToArray();
            }
        }
    }

    public void Write(string stateJson)
    {
        lock (gate)
        {
            states.Add(stateJson);
            foreach (var waiter in waiters.Where(w => states.Count >= w.Count).ToArray())
            {
                waiters.Remove(waiter);
                waiter.Signal.TrySetResult();
            }
        }
    }

    public Task WaitForCountAsync(int count)
    {
        lock (gate)
        {
            if (states.Count >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((count, signal));
            return signal.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }
    }
}

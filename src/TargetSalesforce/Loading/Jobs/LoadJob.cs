using TargetSalesforce.Destination;
using TargetSalesforce.Naming;

namespace TargetSalesforce.Loading.Jobs;

/// <summary>One batch of one writer's rows on its way to Salesforce, and the signal that it is done.</summary>
internal sealed class LoadJob
{
    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LoadJob(StreamCounters counters, IObjectWriter writer, BufferedRow[] rows)
    {
        Counters = counters;
        Writer = writer;
        Rows = rows;
        Keys = writer.Operation.Action == LoadAction.Insert ? KeyFingerprints.None : KeyFingerprints.Of(rows);

        // From here on only the fingerprints are asked for: the rows let go of their keys' text, which would
        // otherwise wait with them for the job to end (a string a row, a sixth of a buffered row's memory).
        foreach (var row in rows)
        {
            row.ForgetKey();
        }
    }

    public StreamCounters Counters { get; }

    public IObjectWriter Writer { get; }

    public BufferedRow[] Rows { get; }

    /// <summary>Completes when the job has finished, failed or was dropped; it never faults.</summary>
    public Task Done => done.Task;

    /// <summary>The keys this job writes, which no other job in flight may write at the same time; none for an insert.</summary>
    public KeyFingerprints Keys { get; }

    /// <summary>The parent records this job's rows lock (see <c>ParentGroupedJobs</c>), which no other job in flight may lock at the same time.</summary>
    public IReadOnlyCollection<string> ParentLocks { get; init; } = [];

    public void MarkDone() => done.TrySetResult();

    public override string ToString() =>
        $"{Counted.Of(Rows.Length, "row")} of stream '{Counters.Stream}' for {Writer.Operation.ObjectName} ({Writer.Operation.Action}), lines {Rows.Min(r => r.Line)}–{Rows.Max(r => r.Line)}";
}

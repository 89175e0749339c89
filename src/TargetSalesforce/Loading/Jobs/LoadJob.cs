using TargetSalesforce.Destination;
using TargetSalesforce.Naming;

namespace TargetSalesforce.Loading.Jobs;

/// <summary>One batch of one writer's rows on its way to Salesforce, and the signal that it is done.</summary>
internal sealed class LoadJob(StreamCounters counters, IObjectWriter writer, BufferedRow[] rows)
{
    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private KeyFingerprints? keys;

    public StreamCounters Counters { get; } = counters;

    public IObjectWriter Writer { get; } = writer;

    public BufferedRow[] Rows { get; } = rows;

    /// <summary>Completes when the job has finished, failed or was dropped; it never faults.</summary>
    public Task Done => done.Task;

    /// <summary>
    /// The keys this job writes, which no other job in flight may write at the same time; none for an insert.
    /// Worked out at the first call (the scheduler makes it before it takes its lock).
    /// </summary>
    public KeyFingerprints Keys => keys ??= Writer.Operation.Action == LoadAction.Insert ? KeyFingerprints.None : KeyFingerprints.Of(Rows);

    /// <summary>The parent records this job's rows lock (see <c>ParentGroupedJobs</c>), which no other job in flight may lock at the same time.</summary>
    public IReadOnlyCollection<string> ParentLocks { get; init; } = [];

    public void MarkDone() => done.TrySetResult();

    public override string ToString() =>
        $"{Counted.Of(Rows.Length, "row")} of stream '{Counters.Stream}' for {Writer.Operation.ObjectName} ({Writer.Operation.Action}), lines {Rows.Min(r => r.Line)}–{Rows.Max(r => r.Line)}";
}

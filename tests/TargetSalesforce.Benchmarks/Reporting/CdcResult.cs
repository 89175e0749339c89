using TargetSalesforce.Benchmarks.Processes;

namespace TargetSalesforce.Benchmarks.Reporting;

/// <summary>What the CDC run measured: the target's run, its deletes, and what it cost the org (counted since the upsert run).</summary>
public sealed record CdcResult(TargetRun Target, long Deletes, long QueryJobs, long? IngestJobs, long? ApiCalls, long ObjectCount)
{
    public double WallSeconds => Target.Wall.TotalSeconds;

    public double? CpuSeconds => Target.CpuTime?.TotalSeconds;

    public double PeakRssMegabytes => Target.PeakRssBytes / (1024.0 * 1024.0);
}

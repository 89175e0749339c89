using TargetSalesforce.Benchmarks.Input;
using TargetSalesforce.Benchmarks.Measurement;
using TargetSalesforce.Benchmarks.Processes;

namespace TargetSalesforce.Benchmarks.Reporting;

/// <summary>Everything one full run measured, and the figures derived from it.</summary>
public sealed record BenchmarkResult(
    BenchmarkOptions Options,
    SingerStreamFile Input,
    BareParse.Result Parse,
    Uri Emulator,
    TargetRun Target,
    EmulatorCounters Counters,
    long ObjectCount,
    string RunFolder,
    double? StartupSeconds = null)
{
    public double WallSeconds => Target.Wall.TotalSeconds;

    public double RecordsPerSecond => Options.Records / WallSeconds;

    public double ParseLimitSeconds => Parse.Elapsed.TotalSeconds;

    public double IdealSeconds => Options.IdealSeconds;

    /// <summary>Wall time over the harder of the two limits: the local parse, or the emulator's own processing.</summary>
    public double RatioToLimit => WallSeconds / Math.Max(ParseLimitSeconds, IdealSeconds);

    public double? CpuSeconds => Target.CpuTime?.TotalSeconds;

    public double PeakRssMegabytes => Target.PeakRssBytes / (1024.0 * 1024.0);
}

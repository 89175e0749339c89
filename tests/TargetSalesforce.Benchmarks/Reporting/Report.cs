using System.Globalization;
using System.Text;
using TargetSalesforce.Benchmarks.Input;
using TargetSalesforce.Benchmarks.Measurement;

namespace TargetSalesforce.Benchmarks.Reporting;

/// <summary>
/// The benchmark's output: a table for people, then one `key=value` line for scripts, always the
/// last line of stdout. A figure that could not be measured prints as `na`.
/// </summary>
public static class Report
{
    // The issue's goals on a 2-core machine, shown next to the figures (never asserted: machines differ).
    private const double RatioGoal = 1.3;
    private const double UnlimitedRecordsPerSecondGoal = 200_000;
    private const double CpuSecondsPerMillionGoal = 5;
    private const double PeakRssMegabytesGoal = 300;

    public static string Table(BenchmarkResult r)
    {
        var o = r.Options;
        var table = new StringBuilder();
        Section(table, "input");
        Row(table, "stream file", r.Input.Path);
        Row(table, "records / lines / size", $"{o.Records:N0} / {r.Parse.Lines:N0} / {Megabytes(r.Input.Bytes):F1} MB");
        Row(table, "generation", Generation(r.Input));

        Section(table, "limits");
        Row(table, "bare parse (Newtonsoft)", $"{r.ParseLimitSeconds:F2} s  ({o.Records / r.ParseLimitSeconds:N0} records/s, {Megabytes(r.Input.Bytes) / r.ParseLimitSeconds:F0} MB/s, {r.Parse.Tokens:N0} tokens)");
        Row(table, "emulator ideal", o.ProcessingRate > 0
            ? $"{r.IdealSeconds:F2} s  ({o.Records:N0} / ({o.ProcessingRate:N0} rows/s × {o.Workers} workers) + {o.QueueLatencyMs / 1000.0:F1} s queue latency)"
            : $"0 (unlimited rate, {o.Workers} workers)");

        Section(table, "target");
        Row(table, "build", o.TargetDll ?? "plain Release build");
        Row(table, "action", o.IsUpsert ? $"upsert on {ContactRecords.KeyField}" : o.Action);
        Row(table, "config overrides", o.TargetSettings.Count == 0 ? "none (target defaults)" : string.Join(' ', o.TargetSettings.Select(p => $"{p.Key}={p.Value}")));
        Row(table, "wall", $"{r.WallSeconds:F2} s  ({r.RecordsPerSecond:N0} records/s)");
        Row(table, "start-up", r.StartupSeconds is { } startup ? $"{startup:F2} s  (process start to its first request, as the emulator logged it)" : "na");
        Row(table, "cpu (user+sys)", r.CpuSeconds is { } cpu ? $"{cpu:F2} s  ({cpu / (o.Records / 1e6):F2} s per million records)" : "na");
        Row(table, "peak RSS", $"{r.PeakRssMegabytes:F1} MB");
        Row(table, "state lines", $"{r.Target.StdoutLines:N0} (last = the stream's final state)");

        Section(table, "emulator");
        Row(table, "base URL", r.Emulator.ToString());
        Row(table, "jobs", $"{Figure(r.Counters.Jobs)}  ({r.Counters.JobsByState})");
        Row(table, $"{ContactRecords.SalesforceObject} rows written", $"{Figure(r.Counters.Rows)}  ({r.Counters.RowsByOperation})");
        Row(table, "api calls", Figure(r.Counters.ApiCalls));
        Row(table, $"SELECT COUNT() FROM {ContactRecords.SalesforceObject}", $"{r.ObjectCount:N0} (expected {o.Records:N0})");

        Section(table, "against the goals");
        Row(table, "ratio_to_limit", $"{r.RatioToLimit:F2}  {Goal(r.RatioToLimit <= RatioGoal, $"≤ {RatioGoal} with default settings")}");
        if (o.ProcessingRate == 0)
        {
            Row(table, "records/s, unlimited rate", $"{r.RecordsPerSecond:N0}  {Goal(r.RecordsPerSecond >= UnlimitedRecordsPerSecondGoal, $"≥ {UnlimitedRecordsPerSecondGoal:N0}")}");
        }

        if (r.CpuSeconds is { } cpuSeconds)
        {
            var perMillion = cpuSeconds / (o.Records / 1e6);
            Row(table, "cpu per million records", $"{perMillion:F2} s  {Goal(perMillion <= CpuSecondsPerMillionGoal, $"≤ {CpuSecondsPerMillionGoal} s")}");
        }

        Row(table, "peak RSS", $"{r.PeakRssMegabytes:F1} MB  {Goal(r.PeakRssMegabytes < PeakRssMegabytesGoal, $"< {PeakRssMegabytesGoal} MB (for 5M records)")}");
        Row(table, "logs and stats", r.RunFolder);
        return table.ToString();
    }

    /// <summary>The last line, in the issue's exact key order.</summary>
    public static string SummaryLine(BenchmarkResult r) => string.Create(
        CultureInfo.InvariantCulture,
        $"records={r.Options.Records} wall_s={r.WallSeconds:F2} records_per_s={r.RecordsPerSecond:F0} cpu_s={Figure(r.CpuSeconds, "F2")} peak_rss_mb={r.PeakRssMegabytes:F1} jobs={Figure(r.Counters.Jobs)} api_calls={Figure(r.Counters.ApiCalls)} parse_limit_s={r.ParseLimitSeconds:F2} ideal_s={r.IdealSeconds:F2} ratio_to_limit={r.RatioToLimit:F2} startup_s={Figure(r.StartupSeconds, "F2")}");

    /// <summary>The CDC run's figures beside the upsert run's, one column each.</summary>
    public static string CdcTable(BenchmarkResult upsert, CdcResult cdc)
    {
        var records = upsert.Options.Records;
        var table = new StringBuilder();
        Section(table, "cdc run (after the upsert run, same org)");
        table.AppendLine(CultureInfo.InvariantCulture, $"  {"",-34} {"upsert",-22} {"cdc (5% deletes by external id)"}");
        Pair(table, "records", $"{records:N0} upserts", $"{records - cdc.Deletes:N0} updates, {cdc.Deletes:N0} deletes");
        Pair(table, "wall", $"{upsert.WallSeconds:F2} s", $"{cdc.WallSeconds:F2} s");
        Pair(table, "records/s", $"{records / upsert.WallSeconds:N0}", $"{records / cdc.WallSeconds:N0}");
        Pair(table, "cpu (user+sys)", Figure(upsert.CpuSeconds, "F2") + " s", Figure(cdc.CpuSeconds, "F2") + " s");
        Pair(table, "peak RSS", $"{upsert.PeakRssMegabytes:F1} MB", $"{cdc.PeakRssMegabytes:F1} MB");
        Pair(table, "ingest jobs", Figure(upsert.Counters.Jobs), Figure(cdc.IngestJobs));
        Pair(table, "query jobs (Id lookups)", "0", cdc.QueryJobs.ToString(CultureInfo.InvariantCulture));
        Pair(table, "api calls", Figure(upsert.Counters.ApiCalls), Figure(cdc.ApiCalls));
        Pair(table, $"{ContactRecords.SalesforceObject} rows after", $"{upsert.ObjectCount:N0}", $"{cdc.ObjectCount:N0} (expected {records - cdc.Deletes:N0})");
        return table.ToString();
    }

    /// <summary>The CDC run's key=value line, printed just before the upsert run's (which stays the last line).</summary>
    public static string CdcSummaryLine(BenchmarkResult upsert, CdcResult cdc) => string.Create(
        CultureInfo.InvariantCulture,
        $"mode=cdc records={upsert.Options.Records} deletes={cdc.Deletes} wall_s={cdc.WallSeconds:F2} records_per_s={upsert.Options.Records / cdc.WallSeconds:F0} cpu_s={Figure(cdc.CpuSeconds, "F2")} peak_rss_mb={cdc.PeakRssMegabytes:F1} ingest_jobs={Figure(cdc.IngestJobs)} query_jobs={cdc.QueryJobs} api_calls={Figure(cdc.ApiCalls)} upsert_wall_s={upsert.WallSeconds:F2}");

    private static void Pair(StringBuilder table, string name, string upsert, string cdc) =>
        table.AppendLine(CultureInfo.InvariantCulture, $"  {name,-34} {upsert,-22} {cdc}");

    /// <summary>What --local-only prints: the input and its parse limit.</summary>
    public static string LocalTable(SingerStreamFile input, BareParse.Result parse)
    {
        var table = new StringBuilder();
        Section(table, "input");
        Row(table, "stream file", input.Path);
        Row(table, "records / lines / size", $"{input.Records:N0} / {parse.Lines:N0} / {Megabytes(input.Bytes):F1} MB");
        Row(table, "generation", Generation(input));
        Section(table, "limits");
        Row(table, "bare parse (Newtonsoft)", $"{parse.Elapsed.TotalSeconds:F2} s  ({input.Records / parse.Elapsed.TotalSeconds:N0} records/s, {Megabytes(input.Bytes) / parse.Elapsed.TotalSeconds:F0} MB/s, {parse.Tokens:N0} tokens)");
        return table.ToString();
    }

    public static string LocalSummaryLine(SingerStreamFile input, BareParse.Result parse) => string.Create(
        CultureInfo.InvariantCulture,
        $"records={input.Records} bytes={input.Bytes} generate_s={(input.Reused ? "na" : input.GenerationTime.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture))} parse_limit_s={parse.Elapsed.TotalSeconds:F2}");

    private static string Generation(SingerStreamFile input) => input.Reused
        ? "reused from the cache (delete the file to time generation)"
        : $"{input.GenerationTime.TotalSeconds:F2} s  ({input.Records / input.GenerationTime.TotalSeconds:N0} records/s, {Megabytes(input.Bytes) / input.GenerationTime.TotalSeconds:F0} MB/s)";

    private static void Section(StringBuilder table, string title) => table.AppendLine(CultureInfo.InvariantCulture, $"{title}");

    private static void Row(StringBuilder table, string name, string value) =>
        table.AppendLine(CultureInfo.InvariantCulture, $"  {name,-34} {value}");

    private static string Goal(bool met, string goal) => met ? $"ok (goal {goal})" : $"MISSED (goal {goal})";

    private static string Figure(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "na";

    private static string Figure(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "na";

    private static double Megabytes(long bytes) => bytes / (1024.0 * 1024.0);
}

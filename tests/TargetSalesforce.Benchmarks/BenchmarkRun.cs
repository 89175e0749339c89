using System.Text.Json.Nodes;
using TargetSalesforce.Benchmarks.Input;
using TargetSalesforce.Benchmarks.Measurement;
using TargetSalesforce.Benchmarks.Processes;
using TargetSalesforce.Benchmarks.Reporting;

namespace TargetSalesforce.Benchmarks;

/// <summary>
/// One benchmark run, in order: the stream (generated or reused), its bare parse, the emulator,
/// the target over the stream, then the checks that make the figures worth reading: exit code,
/// the final state relayed, and every record in the org. Progress goes to stderr; the report to stdout.
/// </summary>
public static class BenchmarkRun
{
    public static async Task RunAsync(BenchmarkOptions options, TextWriter output, TextWriter progress)
    {
        var artifacts = options.LocalOnly ? null : BuiltArtifacts.Locate(options.TargetDll, options.EmulatorDll);
        if (artifacts is { Configuration: not "Release" })
        {
            await progress.WriteLineAsync($"warning: the target and emulator are {artifacts.Configuration} builds; figures are only comparable from -c Release.").ConfigureAwait(false);
        }

        await progress.WriteLineAsync($"stream: {options.Records:N0} records in {options.CacheDirectory} …").ConfigureAwait(false);
        var input = SingerStreamFile.GetOrCreate(options.CacheDirectory, options.Records);
        try
        {
            await progress.WriteLineAsync(input.Reused ? $"stream: reused {input.Path}" : $"stream: generated in {input.GenerationTime.TotalSeconds:F2} s").ConfigureAwait(false);

            var parse = BareParse.Run(input.Path);
            if (parse.Lines != input.Lines)
            {
                throw new BenchmarkFailedException($"{input.Path} has {parse.Lines:N0} lines, not the {input.Lines:N0} expected; delete it to generate it again.");
            }

            await progress.WriteLineAsync($"bare parse: {parse.Elapsed.TotalSeconds:F2} s").ConfigureAwait(false);
            if (artifacts is null)
            {
                await output.WriteAsync(Report.LocalTable(input, parse)).ConfigureAwait(false);
                await output.WriteLineAsync(Report.LocalSummaryLine(input, parse)).ConfigureAwait(false);
                return;
            }

            var (result, cdc) = await RunTargetAgainstEmulatorAsync(options, artifacts, input, parse, progress).ConfigureAwait(false);
            await output.WriteAsync(Report.Table(result)).ConfigureAwait(false);
            if (cdc is not null)
            {
                await output.WriteAsync(Report.CdcTable(result, cdc)).ConfigureAwait(false);
                await output.WriteLineAsync(Report.CdcSummaryLine(result, cdc)).ConfigureAwait(false);
            }

            await output.WriteLineAsync(Report.SummaryLine(result)).ConfigureAwait(false);
        }
        finally
        {
            if (!options.KeepFile)
            {
                File.Delete(input.Path);
            }
        }
    }

    private static async Task<(BenchmarkResult Upsert, CdcResult? Cdc)> RunTargetAgainstEmulatorAsync(
        BenchmarkOptions options, BuiltArtifacts artifacts, SingerStreamFile input, BareParse.Result parse, TextWriter progress)
    {
        var runFolder = Directory.CreateTempSubdirectory("target-salesforce-bench-run-").FullName;
        var stderrLog = Path.Combine(runFolder, "target.stderr.log");
        var configPath = Path.Combine(runFolder, "config.json");

        await using var emulator = await EmulatorProcess.StartAsync(artifacts.EmulatorDll, options, Path.Combine(runFolder, "emulator.log")).ConfigureAwait(false);
        await progress.WriteLineAsync($"emulator: {emulator.BaseUrl} (logs and stats in {runFolder})").ConfigureAwait(false);
        TargetConfig.Write(configPath, options, emulator.BaseUrl);
        using var client = new EmulatorClient(emulator.BaseUrl);
        long warmUpCalls = 0;
        if (options.WarmUpEmulator)
        {
            await client.WarmUpAsync(ContactRecords.SalesforceObject, ContactRecords.KeyField).ConfigureAwait(false);
            using var before = await client.GetStatsAsync().ConfigureAwait(false);
            warmUpCalls = EmulatorCounters.From(before.RootElement, ContactRecords.SalesforceObject).ApiCalls ?? 0;
            await progress.WriteLineAsync($"emulator: warmed up with {warmUpCalls} calls (token, limits, describe, a Bulk job aborted and deleted), not counted below")
                .ConfigureAwait(false);
        }

        await progress.WriteLineAsync($"target: loading {options.Records:N0} records ({options.Action}) …").ConfigureAwait(false);
        var run = await TargetProcess.RunAsync(
            artifacts.TargetDll, configPath, input.Path, Path.Combine(runFolder, "target.stdout.jsonl"), stderrLog, options.TargetTimeout).ConfigureAwait(false);
        await progress.WriteLineAsync($"target: exit {run.ExitCode} after {run.Wall.TotalSeconds:F2} s, {run.StdoutLines:N0} state lines").ConfigureAwait(false);
        CheckTargetSucceeded(run, options, stderrLog);
        CheckFinalState(run, input, runFolder);

        // Stats first: the checks below make API calls of their own that must not be counted.
        using var stats = await client.GetStatsAsync().ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(runFolder, "stats.json"), stats.RootElement.GetRawText()).ConfigureAwait(false);
        var read = EmulatorCounters.From(stats.RootElement, ContactRecords.SalesforceObject);
        var counters = read with { ApiCalls = read.ApiCalls - warmUpCalls };
        var count = await client.CountAsync(ContactRecords.SalesforceObject).ConfigureAwait(false);
        if (count != options.Records)
        {
            throw new BenchmarkFailedException(
                $"the org holds {count:N0} {ContactRecords.SalesforceObject} records after loading {options.Records:N0} (rows by operation: {counters.RowsByOperation}); see {runFolder}.");
        }

        var upsert = new BenchmarkResult(options, input, parse, emulator.BaseUrl, run, counters, count, runFolder, emulator.FirstRequestAfter(run.StartedAt));
        return (upsert, options.Cdc ? await RunCdcAsync(options, artifacts, emulator.BaseUrl, client, read, runFolder, progress).ConfigureAwait(false) : null);
    }

    /// <summary>The CDC run against the org the upsert run filled: every row changed once, 5% of them deleted by external id.</summary>
    private static async Task<CdcResult> RunCdcAsync(
        BenchmarkOptions options, BuiltArtifacts artifacts, Uri emulator, EmulatorClient client, EmulatorCounters before, string runFolder, TextWriter progress)
    {
        var input = CdcStreamFile.GetOrCreate(options.CacheDirectory, options.Records);
        var configPath = Path.Combine(runFolder, "config-cdc.json");
        var stderrLog = Path.Combine(runFolder, "target-cdc.stderr.log");
        TargetConfig.Write(configPath, options, emulator, processDeletes: true);

        await progress.WriteLineAsync($"target: CDC run, {options.Records:N0} changes with {CdcStreamFile.Deletes(options.Records):N0} deletes by external id …").ConfigureAwait(false);
        var run = await TargetProcess.RunAsync(
            artifacts.TargetDll, configPath, input.Path, Path.Combine(runFolder, "target-cdc.stdout.jsonl"), stderrLog, options.TargetTimeout).ConfigureAwait(false);
        await progress.WriteLineAsync($"target: exit {run.ExitCode} after {run.Wall.TotalSeconds:F2} s").ConfigureAwait(false);
        CheckTargetSucceeded(run, options, stderrLog);
        CheckFinalState(run, input, runFolder);

        using var stats = await client.GetStatsAsync().ConfigureAwait(false);
        var after = EmulatorCounters.From(stats.RootElement, ContactRecords.SalesforceObject);
        var expected = options.Records - CdcStreamFile.Deletes(options.Records);
        var count = await client.CountAsync(ContactRecords.SalesforceObject).ConfigureAwait(false);
        if (count != expected)
        {
            throw new BenchmarkFailedException($"after the CDC run the org holds {count:N0} {ContactRecords.SalesforceObject} records, not {expected:N0}; see {runFolder}.");
        }

        return new CdcResult(run, CdcStreamFile.Deletes(options.Records), QueryJobs(stderrLog), after.Jobs - before.Jobs, after.ApiCalls - before.ApiCalls, count);
    }

    /// <summary>The query jobs the target's lookups ran, as its log lines say ("… with N query jobs").</summary>
    private static long QueryJobs(string stderrLog) =>
        File.ReadLines(stderrLog)
            .Select(line => System.Text.RegularExpressions.Regex.Match(line, @"with (\d+) query jobs"))
            .Where(m => m.Success)
            .Sum(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    private static void CheckTargetSucceeded(TargetRun run, BenchmarkOptions options, string stderrLog)
    {
        if (run.TimedOut)
        {
            throw new BenchmarkFailedException(
                $"the target did not finish within {options.TargetTimeout.TotalSeconds:F0} s and was stopped. Its log ({stderrLog}) ends with:\n{LogFile.Tail(stderrLog, 30)}");
        }

        if (run.ExitCode != 0)
        {
            var input = run.InputError is null ? "" : $"; {run.InputError}";
            throw new BenchmarkFailedException(
                $"the target failed with exit code {run.ExitCode}{input}. Its log ({stderrLog}) ends with:\n{LogFile.Tail(stderrLog, 30)}");
        }

        if (run.InputError is not null)
        {
            throw new BenchmarkFailedException($"the target exited 0, but {run.InputError}.");
        }
    }

    private static void CheckFinalState(TargetRun run, SingerStreamFile input, string runFolder)
    {
        var expected = input.ReadFinalStateValue();
        JsonNode? last;
        try
        {
            last = run.LastStdoutLine is null ? null : JsonNode.Parse(run.LastStdoutLine);
        }
        catch (System.Text.Json.JsonException)
        {
            last = null;
        }

        if (!JsonNode.DeepEquals(last, expected))
        {
            var seen = run.LastStdoutLine is null ? "nothing on stdout" : $"'{Shorten(run.LastStdoutLine)}'";
            throw new BenchmarkFailedException(
                $"the target's last stdout line should be the stream's final state {expected.ToJsonString()}, but is {seen} ({run.StdoutLines:N0} lines; all in {runFolder}/target.stdout.jsonl).");
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}

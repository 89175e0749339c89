using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TargetSalesforce.Benchmarks.Processes;

namespace TargetSalesforce.Benchmarks.SmallLoads;

/// <summary>
/// The small-load mode (issue 16): the same 20 runs of 200 upserts each, against one emulator whose Bulk jobs wait
/// in a queue (a latency fault on the job close), through the target's default path (sObject Collections for
/// small flushes), through Bulk only (`rest_threshold_rows: 0`), and through jsforce's `bulk2`. Each run is a
/// fresh process, as a scheduled pipeline run is. Prints each way's median wall per run, API calls and Bulk
/// batches spent (the emulator's `/limits`), side by side.
/// </summary>
public static class SmallLoadRun
{
    private const string ScriptName = "jsforce-small-load.cjs";

    public static async Task RunAsync(BenchmarkOptions options, TextWriter output, TextWriter progress)
    {
        var artifacts = BuiltArtifacts.Locate(options.TargetDll, options.EmulatorDll);
        var runFolder = Directory.CreateTempSubdirectory("target-salesforce-small-loads-").FullName;
        await using var emulator = await EmulatorProcess.StartAsync(artifacts.EmulatorDll, options, Path.Combine(runFolder, "emulator.log")).ConfigureAwait(false);
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        await progress.WriteLineAsync($"emulator: {emulator.BaseUrl}; Bulk queue latency {options.QueueLatencyMs} ms a job (a latency fault on the close); files in {runFolder}").ConfigureAwait(false);

        var loads = Enumerable.Range(0, options.SmallLoadRuns).Select(run => WriteLoad(runFolder, run, options.SmallLoadRecords)).ToList();
        var ways = new List<WayResult>
        {
            await MeasureAsync("target, default (REST for small flushes)", http, options, loads, load => RunTargetAsync(artifacts.TargetDll, runFolder, emulator.BaseUrl, options, load, restThreshold: null), progress).ConfigureAwait(false),
            await MeasureAsync("target, Bulk only (rest_threshold_rows 0)", http, options, loads, load => RunTargetAsync(artifacts.TargetDll, runFolder, emulator.BaseUrl, options, load, restThreshold: 0), progress).ConfigureAwait(false),
        };

        var nodePath = JsforceModules(options);
        if (nodePath is null)
        {
            await output.WriteLineAsync($"jsforce bulk2: skipped (no node, or no jsforce under {Path.Combine(options.CacheDirectory, "jsforce")}: install it there with `npm install --prefix DIR jsforce@3.10.16`)").ConfigureAwait(false);
        }
        else
        {
            ways.Add(await MeasureAsync("jsforce bulk2", http, options, loads, load => RunJsforceAsync(nodePath, emulator.BaseUrl, load), progress).ConfigureAwait(false));
        }

        await output.WriteAsync(Table(options, ways)).ConfigureAwait(false);
    }

    private sealed record Load(int Run, string SingerPath, string JsonPath);

    private sealed record WayResult(string Name, double MedianSeconds, double MinSeconds, double MaxSeconds, long ApiRequests, long BulkBatches, long Contacts);

    private static async Task<WayResult> MeasureAsync(string name, HttpClient http, BenchmarkOptions options, List<Load> loads, Func<Load, Task> run, TextWriter progress)
    {
        await PostAsync(http, "/__emulator/reset", "{}").ConfigureAwait(false);
        await PostAsync(http, "/__emulator/faults", $$"""{"faults":[{"kind":"latency","milliseconds":{{options.QueueLatencyMs}},"route":"PATCH /jobs/ingest/*"}]}""").ConfigureAwait(false);
        var before = await LimitsAsync(http).ConfigureAwait(false);
        var walls = new List<double>();
        foreach (var load in loads)
        {
            var clock = Stopwatch.StartNew();
            await run(load).ConfigureAwait(false);
            walls.Add(clock.Elapsed.TotalSeconds);
        }

        var after = await LimitsAsync(http).ConfigureAwait(false);
        var contacts = await CountContactsAsync(http).ConfigureAwait(false);
        if (contacts != (long)options.SmallLoadRuns * options.SmallLoadRecords)
        {
            throw new BenchmarkFailedException($"{name}: the org holds {contacts:N0} contacts after {options.SmallLoadRuns} loads of {options.SmallLoadRecords}.");
        }

        walls.Sort();
        var result = new WayResult(name, walls[walls.Count / 2], walls[0], walls[^1],
            before.Api - after.Api, before.Batches - after.Batches, contacts);
        await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{name}: median {result.MedianSeconds:F2} s a run")).ConfigureAwait(false);
        return result;
    }

    private static async Task RunTargetAsync(string dll, string folder, Uri emulator, BenchmarkOptions options, Load load, int? restThreshold)
    {
        var config = Path.Combine(folder, $"config-{restThreshold?.ToString(CultureInfo.InvariantCulture) ?? "default"}.json");
        var small = new BenchmarkOptions { Action = "upsert" };
        foreach (var (key, value) in options.TargetSettings)
        {
            small.TargetSettings[key] = value;
        }

        if (restThreshold is { } threshold)
        {
            small.TargetSettings["rest_threshold_rows"] = threshold.ToString(CultureInfo.InvariantCulture);
        }

        TargetConfig.Write(config, small, emulator);
        var way = restThreshold is null ? "default" : "bulk-only";
        var stderr = Path.Combine(folder, $"target-{way}-{load.Run}.stderr.log");
        var run = await TargetProcess.RunAsync(dll, config, load.SingerPath, Path.Combine(folder, $"target-{way}-{load.Run}.stdout.jsonl"), stderr, options.TargetTimeout).ConfigureAwait(false);
        if (run.ExitCode != 0 || run.TimedOut)
        {
            throw new BenchmarkFailedException($"the target failed on small load {load.Run} (exit {run.ExitCode}). Its log ends with:\n{LogFile.Tail(stderr, 20)}");
        }
    }

    private static async Task RunJsforceAsync(string nodePath, Uri emulator, Load load)
    {
        var node = await ChildProcess.RunAsync(
            "node",
            [Path.Combine(AppContext.BaseDirectory, "SmallLoads", ScriptName), emulator.ToString().TrimEnd('/'), load.JsonPath],
            new Dictionary<string, string> { ["NODE_PATH"] = nodePath }).ConfigureAwait(false);
        if (node.ExitCode != 0)
        {
            throw new BenchmarkFailedException($"jsforce failed on small load {load.Run}: {node.Stderr}");
        }
    }

    /// <summary>The node_modules holding jsforce under the cache folder, or null when node or jsforce is missing.</summary>
    private static string? JsforceModules(BenchmarkOptions options)
    {
        var modules = Path.Combine(options.CacheDirectory, "jsforce", "node_modules");
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, "node")));
        return onPath && Directory.Exists(Path.Combine(modules, "jsforce")) ? modules : null;
    }

    /// <summary>Run <paramref name="run"/>'s records, the same for every way: a Singer stream for the target and a JSON array for jsforce.</summary>
    private static Load WriteLoad(string folder, int run, int records)
    {
        var singer = new StringBuilder();
        singer.Append("""{"type":"SCHEMA","stream":"contacts","key_properties":["External_Id__c"],"schema":{"type":"object","properties":{"External_Id__c":{"type":"string"},"LastName":{"type":"string"},"Email":{"type":["string","null"]}}}}""").Append('\n');
        var array = new JsonArray();
        for (var i = 0; i < records; i++)
        {
            var record = new JsonObject { ["External_Id__c"] = $"S{run:D2}-{i:D4}", ["LastName"] = $"Small {run}-{i}", ["Email"] = $"s{run}.{i}@example.org" };
            singer.Append("""{"type":"RECORD","stream":"contacts","record":""").Append(record.ToJsonString()).Append("}\n");
            array.Add(record.DeepClone());
        }

        singer.Append("""{"type":"STATE","value":{"run":""").Append(run.ToString(CultureInfo.InvariantCulture)).Append("}}\n");
        var singerPath = Path.Combine(folder, $"load-{run}.jsonl");
        var jsonPath = Path.Combine(folder, $"load-{run}.json");
        File.WriteAllText(singerPath, singer.ToString());
        File.WriteAllText(jsonPath, array.ToJsonString());
        return new Load(run, singerPath, jsonPath);
    }

    private static async Task PostAsync(HttpClient http, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(path, content).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchmarkFailedException($"emulator: POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
        }
    }

    /// <summary>Remaining daily API requests and Bulk batches, read without spending one (`GET /__emulator/limits`).</summary>
    private static async Task<(long Api, long Batches)> LimitsAsync(HttpClient http)
    {
        using var limits = JsonDocument.Parse(await http.GetStringAsync("/__emulator/limits").ConfigureAwait(false));
        long Remaining(string name) => limits.RootElement.GetProperty(name).GetProperty("Remaining").GetInt64();
        return (Remaining("DailyApiRequests"), Remaining("DailyBulkApiBatches"));
    }

    private static async Task<long> CountContactsAsync(HttpClient http)
    {
        using var client = new EmulatorClient(http.BaseAddress!);
        return await client.CountAsync("Contact").ConfigureAwait(false);
    }

    private static string Table(BenchmarkOptions options, List<WayResult> ways)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Small loads: {options.SmallLoadRuns} runs of {options.SmallLoadRecords} upserts each, Bulk queue latency {options.QueueLatencyMs} ms a job, processing rate {options.ProcessingRate:N0} rows/s");
        text.AppendLine("| way | median wall a run | fastest | slowest | API requests (all runs) | Bulk batches (all runs) |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var way in ways)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {way.Name} | {way.MedianSeconds:F2} s | {way.MinSeconds:F2} s | {way.MaxSeconds:F2} s | {way.ApiRequests:N0} | {way.BulkBatches:N0} |");
        }

        return text.ToString();
    }
}

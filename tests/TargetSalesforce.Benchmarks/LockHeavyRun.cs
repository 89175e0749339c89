using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TargetSalesforce.Benchmarks.Input;
using TargetSalesforce.Benchmarks.Processes;

namespace TargetSalesforce.Benchmarks;

/// <summary>
/// The lock-heavy comparison (--lock-heavy): the same Accounts and Contacts loaded three times, each against a fresh
/// emulator whose Contact transactions hold their Accounts as a busy org's do: by the target with lock-aware ordering,
/// by the target with it off, and by jsforce 3.10 in one job (when node and jsforce are there). Lock retries are off,
/// so every UNABLE_TO_LOCK_ROW shows as a failed row; the table gives each load's wall time and that count.
/// </summary>
public static class LockHeavyRun
{
    private sealed record Load(string Name, double? WallSeconds, long? LockFailures, long? Failed, double? StartupSeconds, string Note);

    public static async Task RunAsync(BenchmarkOptions options, TextWriter output, TextWriter progress)
    {
        var artifacts = BuiltArtifacts.Locate(options.TargetDll, options.EmulatorDll);
        var runFolder = Directory.CreateTempSubdirectory("target-salesforce-bench-locks-").FullName;
        await progress.WriteLineAsync($"lock-heavy: {options.Records:N0} Contacts of {options.Accounts} Accounts in {runFolder} …").ConfigureAwait(false);
        var input = LockHeavyInput.Create(runFolder, options.Records, options.Accounts);
        var orgFile = WriteOrgFile(artifacts, options, runFolder);
        string[] emulatorArguments = ["--org", orgFile, "--lock-timeout-ms", options.LockTimeoutMs.ToString(CultureInfo.InvariantCulture)];
        if (options.ProcessingRate > 0)
        {
            emulatorArguments = [.. emulatorArguments, "--processing-rate", options.ProcessingRate.ToString(CultureInfo.InvariantCulture)];
        }

        var loads = new List<Load>();
        try
        {
            loads.AddRange(
            [
                await TargetLoadAsync("target, lock-aware ordering", true, options, artifacts, input, runFolder, emulatorArguments, progress).ConfigureAwait(false),
                await TargetLoadAsync("target, lock_aware_ordering=false", false, options, artifacts, input, runFolder, emulatorArguments, progress).ConfigureAwait(false),
                await JsforceLoadAsync(options, artifacts, input, runFolder, emulatorArguments, progress).ConfigureAwait(false),
            ]);
        }
        finally
        {
            File.Delete(orgFile); // it sits beside the built-in org (for its relative certificate paths); a copy stays in the run folder
        }

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"lock-heavy: {options.Records:N0} Contact upserts naming {options.Accounts} Accounts by External_Id__c (Zipf-like), " +
            $"emulator {options.Workers} workers × {options.ProcessingRate:N0} rows/s, +{options.TriggerMillisPerRow} ms/row trigger cost, lock timeout {options.LockTimeoutMs} ms, queue latency {options.QueueLatencyMs} ms");
        table.AppendLine("| load | wall s | UNABLE_TO_LOCK_ROW | failed rows | start-up s | note |");
        table.AppendLine("|---|---:|---:|---:|---:|---|");
        foreach (var load in loads)
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {load.Name} | {Figure(load.WallSeconds)} | {Figure(load.LockFailures)} | {Figure(load.Failed)} | {Figure(load.StartupSeconds)} | {load.Note} |");
        }

        table.AppendLine(CultureInfo.InvariantCulture, $"logs: {runFolder}");
        await output.WriteAsync(table.ToString()).ConfigureAwait(false);
    }

    /// <summary>The built-in org with the trigger cost on Contact, so a transaction holds its Accounts as on a busy org.</summary>
    private static string WriteOrgFile(BuiltArtifacts artifacts, BenchmarkOptions options, string runFolder)
    {
        var source = artifacts.RepoRoot is { } root ? Path.Combine(root, "examples", "org.json") : null;
        if (source is null || !File.Exists(source))
        {
            throw new BenchmarkFailedException("lock-heavy: examples/org.json is needed (run the benchmark from the repository).");
        }

        var org = JsonNode.Parse(File.ReadAllText(source))!;
        foreach (var item in org["objects"]!.AsArray())
        {
            if ((string?)item!["name"] == "Contact")
            {
                item["triggerMillisPerRow"] = options.TriggerMillisPerRow;
            }
        }

        // The built-in org's certificate paths are relative to its folder.
        var path = Path.Combine(Path.GetDirectoryName(source)!, $".lock-heavy-org-{Environment.ProcessId}.json");
        File.WriteAllText(path, org.ToJsonString());
        File.Copy(path, Path.Combine(runFolder, "org.json"), overwrite: true);
        return path;
    }

    private static async Task<Load> TargetLoadAsync(string name, bool ordering, BenchmarkOptions options, BuiltArtifacts artifacts,
        LockHeavyInput input, string runFolder, string[] emulatorArguments, TextWriter progress)
    {
        var tag = ordering ? "ordered" : "naive";
        await using var emulator = await EmulatorProcess.StartAsync(artifacts.EmulatorDll, options, Path.Combine(runFolder, $"emulator-{tag}.log"), emulatorArguments)
            .ConfigureAwait(false);
        var configPath = Path.Combine(runFolder, $"config-{tag}.json");
        var rejectFile = Path.Combine(runFolder, $"rejects-{tag}.jsonl");
        TargetConfig.WriteLockHeavy(configPath, options, emulator.BaseUrl, ordering, rejectFile);
        await progress.WriteLineAsync($"{name}: loading …").ConfigureAwait(false);
        var run = await TargetProcess.RunAsync(artifacts.TargetDll, configPath, input.SingerPath, Path.Combine(runFolder, $"target-{tag}.stdout.jsonl"),
            Path.Combine(runFolder, $"target-{tag}.stderr.log"), options.TargetTimeout).ConfigureAwait(false);
        if (run.ExitCode != 0 || run.LastStdoutLine?.Trim() != input.FinalState)
        {
            throw new BenchmarkFailedException($"{name}: exit {run.ExitCode}, last state '{run.LastStdoutLine}'; see {runFolder}.");
        }

        var rejects = File.Exists(rejectFile) ? await File.ReadAllLinesAsync(rejectFile).ConfigureAwait(false) : [];
        var locked = rejects.Count(line => (string?)JsonNode.Parse(line)?["error_code"] == "UNABLE_TO_LOCK_ROW");
        await progress.WriteLineAsync($"{name}: {run.Wall.TotalSeconds:F2} s, {locked:N0} lock failures").ConfigureAwait(false);
        return new Load(name, run.Wall.TotalSeconds, locked, rejects.Length, emulator.FirstRequestAfter(run.StartedAt), "whole run, Accounts included");
    }

    private static async Task<Load> JsforceLoadAsync(BenchmarkOptions options, BuiltArtifacts artifacts, LockHeavyInput input, string runFolder,
        string[] emulatorArguments, TextWriter progress)
    {
        const string Name = "jsforce 3.10, one job";
        var script = artifacts.RepoRoot is { } root ? Path.Combine(root, "tests", "TargetSalesforce.Benchmarks", "jsforce", "lock-heavy.cjs") : null;
        var modules = Environment.GetEnvironmentVariable("JSFORCE_NODE_PATH") ?? "/tmp/rc-npm/node_modules";
        if (script is null || !Directory.Exists(Path.Combine(modules, "jsforce")) || !OnPath("node"))
        {
            var why = $"skipped: needs node and jsforce in {modules} (set JSFORCE_NODE_PATH; tests/real-clients/run.sh installs it)";
            await progress.WriteLineAsync($"{Name}: {why}").ConfigureAwait(false);
            return new Load(Name, null, null, null, null, why);
        }

        await using var emulator = await EmulatorProcess.StartAsync(artifacts.EmulatorDll, options, Path.Combine(runFolder, "emulator-jsforce.log"), emulatorArguments)
            .ConfigureAwait(false);
        await progress.WriteLineAsync($"{Name}: loading …").ConfigureAwait(false);
        var node = await ChildProcess.RunAsync(
            "node",
            [script, emulator.BaseUrl.ToString().TrimEnd('/'), input.AccountsCsvPath, input.ContactsCsvPath],
            new Dictionary<string, string> { ["NODE_PATH"] = modules }).ConfigureAwait(false);
        var answer = node.Stdout.Trim();
        if (node.ExitCode != 0)
        {
            var why = $"failed (exit {node.ExitCode}): {node.Stderr.Trim().Split('\n')[0]}";
            await progress.WriteLineAsync($"{Name}: {why}").ConfigureAwait(false);
            return new Load(Name, null, null, null, null, why);
        }

        using var result = JsonDocument.Parse(answer.Split('\n')[^1]);
        var root2 = result.RootElement;
        var locked = root2.GetProperty("unable_to_lock_row").GetInt64();
        await progress.WriteLineAsync($"{Name}: {root2.GetProperty("wall_s").GetDouble():F2} s, {locked:N0} lock failures").ConfigureAwait(false);
        return new Load(Name, root2.GetProperty("wall_s").GetDouble(), locked, root2.GetProperty("failed").GetInt64(), null, "Contacts job only (Accounts loaded first)");
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(folder => File.Exists(Path.Combine(folder, program)));

    private static string Figure(double? value) => value?.ToString("F2", CultureInfo.InvariantCulture) ?? "–";

    private static string Figure(long? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "–";
}

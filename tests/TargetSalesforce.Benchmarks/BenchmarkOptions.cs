namespace TargetSalesforce.Benchmarks;

/// <summary>One benchmark run's parameters. Each default says why it was chosen.</summary>
public sealed class BenchmarkOptions
{
    /// <summary>Records in the stream. A million runs in under two minutes and shows steady-state throughput.</summary>
    public long Records { get; set; } = 1_000_000;

    /// <summary>The target's action. Upsert is the common sync case and the costlier path (keys must not overlap in flight).</summary>
    public string Action { get; set; } = "upsert";

    /// <summary>Rows a second one emulated worker processes; 0 is unlimited. 20,000 is about what a real org does for simple objects.</summary>
    public double ProcessingRate { get; set; } = 20_000;

    /// <summary>The emulator's pool of Bulk workers (each runs one 10,000-row chunk at a time); 4, the emulator's default.</summary>
    public int Workers { get; set; } = 4;

    /// <summary>
    /// How long a closed job's chunks wait before a worker may take them. 1 s: Salesforce publishes no figure; a job
    /// on an idle org is commonly seen InProgress within a second or two of its close, so 1 s is a modest stand-in.
    /// </summary>
    public int QueueLatencyMs { get; set; } = 1_000;

    /// <summary>Run the lock-heavy comparison instead of the throughput run (Contacts of few, skewed Accounts).</summary>
    public bool LockHeavy { get; set; }

    /// <summary>Accounts the lock-heavy Contacts are drawn from: a few hundred, as the scenario has.</summary>
    public int Accounts { get; set; } = 300;

    /// <summary>
    /// Milliseconds each Contact adds to its transaction in the lock-heavy run (the org file's triggerMillisPerRow): 2 ms
    /// stands for the triggers and flows a real org runs on Contact, so a 200-row transaction holds its Accounts ~0.4 s.
    /// </summary>
    public double TriggerMillisPerRow { get; set; } = 2;

    /// <summary>How long a transaction waits for a held Account in the lock-heavy run; Salesforce's 10 s.</summary>
    public int LockTimeoutMs { get; set; } = 10_000;

    /// <summary>Emulator seed, so ids and any random choice repeat run to run.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Where the generated stream is cached; the temp folder survives between runs but not reboots.</summary>
    public string CacheDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "target-salesforce-bench");

    /// <summary>Keep the generated stream after the run. On by default: generating it again costs seconds.</summary>
    public bool KeepFile { get; set; } = true;

    /// <summary>
    /// After the upsert run, a CDC run over the loaded rows (updates, 5% deletes by external id) with its figures beside
    /// the upsert run's. Off by default: it doubles the run's time.
    /// </summary>
    public bool Cdc { get; set; }

    /// <summary>
    /// Before the target starts, ask the emulator for a token, `/limits` and the describe once and run a Bulk job's calls
    /// (aborted, then deleted), so its own first-call
    /// JIT is not timed as the target's start-up (a real org is always warm). On by default; off compares with rounds
    /// measured before it.
    /// </summary>
    public bool WarmUpEmulator { get; set; } = true;

    /// <summary>Only generate the stream and time the bare parse; no emulator, no target.</summary>
    public bool LocalOnly { get; set; }

    /// <summary>Config keys added to or replacing the target's generated config (JSON values, or plain strings).</summary>
    public Dictionary<string, string> TargetSettings { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The target to run: a built target-salesforce.dll or a published executable. Null publishes it as installs are
    /// built (<see cref="Processes.InstalledTarget"/>), or with <see cref="PlainBuild"/> finds the plain build under the
    /// repo root in the benchmark's own build configuration.
    /// </summary>
    public string? TargetDll { get; set; }

    /// <summary>Run the plain build (`dotnet target-salesforce.dll`, what `dotnet run` runs) instead of publishing the installed form; off by default, since users run the published one.</summary>
    public bool PlainBuild { get; set; }

    /// <summary>The built emulator; null finds it like the target.</summary>
    public string? EmulatorDll { get; set; }

    /// <summary>Give up on a target that has not finished after this long: ten minutes is five times the 1M goal.</summary>
    public TimeSpan TargetTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Run the small-load comparison (issue 16) instead of the throughput run.</summary>
    public bool SmallLoads { get; set; }

    /// <summary>Small loads in the comparison: 20 is a few minutes of a scheduled pipeline's runs, enough for a steady median.</summary>
    public int SmallLoadRuns { get; set; } = 20;

    /// <summary>Records a small load: 200, a typical incremental run, and exactly one sObject Collections call.</summary>
    public int SmallLoadRecords { get; set; } = 200;

    /// <summary>Upsert needs a key; the records carry one in External_Id__c.</summary>
    public bool IsUpsert => string.Equals(Action, "upsert", StringComparison.Ordinal);

    /// <summary>N / (rate × workers) plus the queue latency: how long the emulator alone needs. 0 when the rate is unlimited.</summary>
    public double IdealSeconds => ProcessingRate > 0 ? Records / (ProcessingRate * Workers) + QueueLatencyMs / 1000.0 : 0;
}

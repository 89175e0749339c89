using System.Globalization;

namespace TargetSalesforce.Benchmarks;

/// <summary>Turns the benchmark's arguments into <see cref="BenchmarkOptions"/>; a bad one is a clear error.</summary>
public static class CommandLine
{
    public const string Usage = """
        usage: dotnet run -c Release --project tests/TargetSalesforce.Benchmarks -- [options]

          --records N                 records in the stream (default 1000000; 1_000_000 and 1e6 also work)
          --action insert|upsert      the target's action (default upsert, on External_Id__c)
          --processing-rate R         emulator rows a second per job; 0 = unlimited (default 20000)
          --workers P                 the emulator's Bulk workers, 10,000-row chunks at once (default 4)
          --queue-latency-ms L        how long a closed job's chunks wait for a worker (default 1000)
          --lock-heavy                compare lock-aware ordering, naive order and jsforce on Contacts of few Accounts
          --accounts A                Accounts the lock-heavy Contacts are drawn from (default 300)
          --trigger-ms T              lock-heavy: ms each Contact adds to its transaction (default 2)
          --lock-timeout-ms T         lock-heavy: how long a transaction waits for an Account (default 10000)
          --seed N                    emulator seed (default 1)
          --target-arg key=value      set a target config key (repeatable); value is JSON if it parses, else a string
          --cache-dir DIR             where generated streams are kept (default $TMPDIR/target-salesforce-bench)
          --no-keep-file              delete the generated stream after the run
          --cdc                       then a CDC run over the loaded rows: updates, 5% deletes by external id
          --cold-emulator             start the target against an emulator that has answered nothing yet (as before
                                      issue 15's round 6; by default it is warmed up with a token, limits, describe and an aborted job)
          --local-only                generate and time the bare parse only (no emulator, no target)
          --target-dll PATH           the target to run: a target-salesforce.dll or a published executable (default: the
                                      target published as installs are, single file, into CACHE_DIR/installed-target)
          --plain-build               run the plain Release build (dotnet target-salesforce.dll) instead of publishing
          --emulator-dll PATH         the built SalesforceEmulator.dll (default: found under the repo root)
          --timeout-s S               stop a target that runs longer than this (default 600)
          --small-loads               instead: 20 runs of 200 upserts by the target's default path, by Bulk only, and by
                                      jsforce bulk2 (needs node and jsforce under CACHE_DIR/jsforce), side by side
        """;

    /// <summary>Null when the user asked for help.</summary>
    public static BenchmarkOptions? Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new BenchmarkFailedException($"{name} needs a value.");
            switch (name)
            {
                case "-h" or "--help":
                    return null;
                case "--records":
                    options.Records = (long)WholeNumber(name, Value(), allowZero: false, max: 1e12);
                    break;
                case "--action":
                    options.Action = Value() switch
                    {
                        "insert" => "insert",
                        "upsert" => "upsert",
                        var other => throw new BenchmarkFailedException($"--action: '{other}' is not insert or upsert."),
                    };
                    break;
                case "--processing-rate":
                    options.ProcessingRate = PositiveNumber(name, Value(), allowZero: true);
                    break;
                case "--workers" or "--max-concurrent-jobs":
                    options.Workers = (int)WholeNumber(name, Value(), allowZero: false, max: int.MaxValue);
                    break;
                case "--queue-latency-ms":
                    options.QueueLatencyMs = (int)WholeNumber(name, Value(), allowZero: true, max: 3_600_000);
                    break;
                case "--lock-heavy":
                    options.LockHeavy = true;
                    break;
                case "--trigger-ms":
                    options.TriggerMillisPerRow = PositiveNumber(name, Value(), allowZero: true);
                    break;
                case "--lock-timeout-ms":
                    options.LockTimeoutMs = (int)WholeNumber(name, Value(), allowZero: true, max: 3_600_000);
                    break;
                case "--accounts":
                    options.Accounts = (int)WholeNumber(name, Value(), allowZero: false, max: 1_000_000);
                    break;
                case "--seed":
                    options.Seed = (int)WholeNumber(name, Value(), allowZero: true, max: int.MaxValue);
                    break;
                case "--target-arg":
                    var pair = Value();
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0)
                    {
                        throw new BenchmarkFailedException($"--target-arg: '{pair}' is not key=value.");
                    }

                    options.TargetSettings[pair[..equals]] = pair[(equals + 1)..];
                    break;
                case "--cache-dir":
                    options.CacheDirectory = Value();
                    break;
                case "--keep-file":
                    options.KeepFile = true;
                    break;
                case "--no-keep-file":
                    options.KeepFile = false;
                    break;
                case "--cdc":
                    options.Cdc = true;
                    break;
                case "--cold-emulator":
                    options.WarmUpEmulator = false;
                    break;
                case "--small-loads":
                    options.SmallLoads = true;
                    break;
                case "--local-only":
                    options.LocalOnly = true;
                    break;
                case "--target-dll":
                    options.TargetDll = Value();
                    break;
                case "--plain-build":
                    options.PlainBuild = true;
                    break;
                case "--emulator-dll":
                    options.EmulatorDll = Value();
                    break;
                case "--timeout-s":
                    options.TargetTimeout = TimeSpan.FromSeconds(PositiveNumber(name, Value(), allowZero: false));
                    break;
                default:
                    throw new BenchmarkFailedException($"unknown argument '{name}'.\n{Usage}");
            }
        }

        if (options.Cdc && !options.IsUpsert)
        {
            throw new BenchmarkFailedException("--cdc needs --action upsert: the CDC run updates and deletes the rows the upsert run loaded.");
        }

        return options;
    }

    private static double WholeNumber(string name, string text, bool allowZero, double max)
    {
        var value = PositiveNumber(name, text, allowZero);
        return value == Math.Floor(value) && value <= max
            ? value
            : throw new BenchmarkFailedException($"{name}: '{text}' is not a whole number in range.");
    }

    private static double PositiveNumber(string name, string text, bool allowZero)
    {
        var cleaned = text.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        if (!double.TryParse(cleaned, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || double.IsNaN(value) || double.IsInfinity(value) || value < 0 || (value == 0 && !allowZero))
        {
            throw new BenchmarkFailedException($"{name}: '{text}' is not a {(allowZero ? "non-negative" : "positive")} number.");
        }

        return value;
    }
}

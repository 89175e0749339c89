using TargetSalesforce.Destination;
using TargetSalesforce.Loading.Buffering;
using TargetSalesforce.Loading.Jobs;
using TargetSalesforce.Loading.Shaping;

namespace TargetSalesforce.Loading;

/// <summary>
/// How a run loads. A value that a setting gives is required here, since the settings schema holds its
/// default and the command line sets it; the engine's own tuning carries its default and the reason.
/// </summary>
public sealed record LoadingOptions
{
    /// <summary>The object, action and key each stream loads with, by the stream's name.</summary>
    public required Func<string, ObjectOperation> OperationFor { get; init; }

    /// <summary>
    /// Each stream's full-table version policy (`activate_version` with its scope); null, the default, leaves an
    /// ACTIVATE_VERSION without effect, since removing rows must be asked for.
    /// </summary>
    public Func<string, VersionSweep?> SweepFor { get; init; } = _ => null;

    /// <summary>Each stream's field map (`streams.&lt;name&gt;.fields`); null, the default, leaves its properties as the tap names them.</summary>
    public Func<string, FieldRenames?> RenamesFor { get; init; } = _ => null;

    /// <summary>When buffered rows become a batch.</summary>
    public required FlushOptions Flush { get; init; }

    /// <summary>How batches run as jobs.</summary>
    public required JobOptions Jobs { get; init; }

    /// <summary>Check each record against its stream's JSON schema (`validate_records`); an invalid record is a failed record.</summary>
    public required bool ValidateRecords { get; init; }

    /// <summary>Records with `_sdc_deleted_at` set are deleted instead of written (`process_deletes`).</summary>
    public required bool ProcessDeletes { get; init; }

    /// <summary>Failed records are reported and the run goes on (`allow_failures`); otherwise the first one halts it.</summary>
    public required bool AllowFailures { get; init; }

    /// <summary>Where every failed record goes as a JSON line (`reject_file`); null writes none.</summary>
    public string? RejectFile { get; init; }

    /// <summary>Where every record Salesforce accepted goes as a JSON line with its Id (`results_file`); null writes none.</summary>
    public string? ResultsFile { get; init; }

    /// <summary>How often the progress line and the METRIC lines go out (`progress_interval_seconds`).</summary>
    public required TimeSpan ProgressInterval { get; init; }

    /// <summary>After a termination signal, how long jobs in flight may take before they are aborted. 30 s fits inside the usual 60 s a supervisor waits before SIGKILL.</summary>
    public TimeSpan ShutdownGracePeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Messages parsed ahead of the loader. 1,000 lets parsing run on the second core while memory stays small.</summary>
    public int ReadAheadMessages { get; init; } = 1_000;

    /// <summary>Failed records of a stream logged at WARNING, each with its line and Salesforce's message; the rest at DEBUG, so a bad batch cannot flood the log.</summary>
    public int LoggedFailuresPerStream { get; init; } = 20;

    /// <summary>
    /// `--dry-run`: every failed record is reported (as with allow_failures, each one at WARNING) and the run
    /// goes on, and no reject file is written. The loader and state output make it write nothing; off by default.
    /// </summary>
    public bool DryRun { get; init; }
}

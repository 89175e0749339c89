using TargetSalesforce.Destination;

namespace TargetSalesforce.Configuration;

/// <summary>
/// The validated settings of one run. Built from `schemas/config.schema.json`-checked config by
/// <c>SettingsBinder</c>; the defaults here mirror the schema's and say why they were chosen.
/// </summary>
public sealed class TargetSettings
{
    // --- Credentials. Empty strings are normalised to null (Mage templates fill keys with ""). ---
    public string? ClientId { get; init; }
    public string? ClientSecret { get; init; }
    public string? RefreshToken { get; init; }
    public string? Username { get; init; }
    public string? Password { get; init; }
    public string? SecurityToken { get; init; }

    /// <summary>JWT bearer: the PEM private key text, or <see cref="PrivateKeyFile"/> naming a file that holds it.</summary>
    public string? PrivateKey { get; init; }

    public string? PrivateKeyFile { get; init; }

    /// <summary>A token handed in, used as given on <see cref="InstanceUrl"/>.</summary>
    public string? AccessToken { get; init; }

    public string? InstanceUrl { get; init; }

    /// <summary>
    /// The flow the run logs in with: `auth_flow` as given, or what `auto` chose from the credentials.
    /// Auto only on settings built in code, which keep the older choice (refresh token, else password).
    /// </summary>
    public AuthFlow AuthFlow { get; init; } = AuthFlow.Auto;

    /// <summary>`login`, `test`, a My Domain (`acme.my`), a host, or an absolute URL (the emulator).</summary>
    public required string Domain { get; init; }

    /// <summary>The run's default action; streams may override it.</summary>
    public required LoadAction Action { get; init; }

    /// <summary>Upsert key. Default `Id`, as Mage documents it.</summary>
    public string ExternalIdName { get; init; } = "Id";

    /// <summary>False: any failed record halts the run. True: failed records are reported and skipped.</summary>
    public bool AllowFailures { get; init; }

    /// <summary>Overrides the object of every stream (Mage's setting).</summary>
    public string? TableName { get; init; }

    /// <summary>Mage injects `table` (the stream or its destination table) into the config.</summary>
    public string? MageTable { get; init; }

    /// <summary>REST and Bulk API version. 64.0 is the newest version that still answers SOAP login, and current.</summary>
    public string ApiVersion { get; init; } = "64.0";

    /// <summary>Per-stream overrides of object, action and upsert key.</summary>
    public IReadOnlyDictionary<string, StreamOverride> Streams { get; init; } =
        new Dictionary<string, StreamOverride>(StringComparer.Ordinal);

    /// <summary>Check each record against its stream's JSON schema. On by default, as in the Meltano SDK.</summary>
    public bool ValidateRecords { get; init; } = true;

    /// <summary>
    /// Rows per job. 10,000 is one of Salesforce's internal chunks (one batch of the daily allocation, as any chunk is):
    /// each chunk is queued as soon as its rows are read, where a 50,000-row job queued five at once after reading them
    /// all (idle benchmark: 100,000 records ×0.86 the wall time, 300,000 ×0.93, a million ×0.98), at three API calls a job.
    /// </summary>
    public int BatchSizeRows { get; init; } = 10_000;

    /// <summary>CSV bytes per job. 100 MB is Salesforce's documented safe upload size.</summary>
    public long BatchSizeBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>A buffer older than this is flushed, so a slow tap still gets its records and state through.</summary>
    public double BatchWaitLimitSeconds { get; init; } = 60;

    /// <summary>Rows that lock a parent go out ordered by parent in one-chunk jobs, so parallel chunks never share a parent; on, since lock failures are Bulk's commonest.</summary>
    public bool LockAwareOrdering { get; init; } = true;

    /// <summary>A stream's last rows go out in quarter-chunk jobs, so Salesforce's workers end together; on, since the cost is a few API calls.</summary>
    public bool BalanceFinalJobs { get; init; } = true;

    /// <summary>
    /// Jobs in flight at once, each holding its rows until Salesforce reports on it. 25 one-chunk jobs (250,000 rows, what
    /// five 50,000-row jobs held before) keep an org's workers fed through its queue latency; 1 is serial.
    /// </summary>
    public int MaxParallelJobs { get; init; } = 25;

    /// <summary>Flushes of at most this many records go by sObject Collections. 2,000 is where Salesforce's guidance puts Bulk ahead; 0 is Bulk only.</summary>
    public int RestThresholdRows { get; init; } = 2000;

    /// <summary>Stop before the org's daily API requests pass this percent: 90 leaves a tenth to the org's other integrations.</summary>
    public int MaxApiUsagePercent { get; init; } = 90;

    /// <summary>Stop before the org's daily Bulk API batches pass this percent: 90, for the same reason.</summary>
    public int MaxBulkBatchUsagePercent { get; init; } = 90;

    /// <summary>`text` for people, `json` for Meltano's structured logging.</summary>
    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    /// <summary>What to do with a record field the object lacks: warn and drop it, or fail the run.</summary>
    public UnknownFieldPolicy UnknownFields { get; init; } = UnknownFieldPolicy.Warn;

    /// <summary>First job-status poll after close (sooner for a small job when earlier jobs' pace allows); polls without progress back off from here.</summary>
    public double PollIntervalSeconds { get; init; } = 0.5;

    /// <summary>Longest wait between two polls of one job.</summary>
    public double PollMaxIntervalSeconds { get; init; } = 10;

    /// <summary>Give up on a job that has not finished after this long; null waits as long as Salesforce takes.</summary>
    public double? JobTimeoutSeconds { get; init; }

    /// <summary>Timeout of one HTTP request (an upload of 100 MB needs minutes on a slow link).</summary>
    public double RequestTimeoutSeconds { get; init; } = 300;

    /// <summary>Where failed records are written as JSON lines; null writes none.</summary>
    public string? RejectFile { get; init; }

    /// <summary>Where accepted records are written as JSON lines with their Salesforce Ids; null writes none (reading Ids back costs a download per job).</summary>
    public string? ResultsFile { get; init; }

    /// <summary>Records with `_sdc_deleted_at` set are deleted instead of written.</summary>
    public bool ProcessDeletes { get; init; }

    /// <summary>What an ACTIVATE_VERSION does. Ignore by default: deleting rows must be asked for, with a scope.</summary>
    public VersionMode ActivateVersion { get; init; } = VersionMode.Ignore;

    /// <summary>The field `soft_delete_field` mode sets; none by default, as it names a field of the user's object.</summary>
    public string? SoftDeleteField { get; init; }

    /// <summary>A version may remove at most this share of its scope. 0.2: a sweep larger than that is far likelier a broken extract than real deletes.</summary>
    public double MaxDeleteFraction { get; init; } = 0.2;

    /// <summary>Seconds between progress lines. 15 s: a half-minute run still shows two, a long one stays readable.</summary>
    public double ProgressIntervalSeconds { get; init; } = 15;

    /// <summary>How many times a row that failed with UNABLE_TO_LOCK_ROW is retried in a later job.</summary>
    public int LockRetryAttempts { get; init; } = 3;

    /// <summary>The assignment rule every Bulk job and REST call applies (`assignment_rule_id`); none by default, so the org's rules fire only when asked.</summary>
    public string? AssignmentRuleId { get; init; }

    /// <summary>True when any auth set is complete for OAuth refresh-token login.</summary>
    public bool UsesOAuth => ClientId is not null && ClientSecret is not null && RefreshToken is not null;
}

/// <summary>Per-stream settings under `streams.&lt;name&gt;`.</summary>
/// <param name="Scope">A SOQL WHERE condition: the rows of the object this stream owns, which a full-table version may remove.</param>
/// <param name="SoftDeleteField">The stream's own `soft_delete_field`.</param>
/// <param name="Fields">The stream's field map (`fields`): record property → field API name, null to drop the property.</param>
/// <param name="AssignmentRuleId">The stream's own `assignment_rule_id`.</param>
public sealed record StreamOverride(
    string? Object, LoadAction? Action, string? ExternalIdName, string? Scope = null, string? SoftDeleteField = null,
    IReadOnlyDictionary<string, string?>? Fields = null, string? AssignmentRuleId = null);

/// <summary>What an ACTIVATE_VERSION does to the rows of a stream's scope that the version did not write (`activate_version`).</summary>
public enum VersionMode
{
    Ignore,
    DeleteMissing,
    SoftDeleteField,
}

public enum LogFormat
{
    Text,
    Json,
}

public enum UnknownFieldPolicy
{
    Warn,
    Fail,
}

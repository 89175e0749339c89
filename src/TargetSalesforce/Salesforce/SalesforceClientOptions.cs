using System.Reflection;

namespace TargetSalesforce.Salesforce;

/// <summary>How the Salesforce client talks to the org. The command line builds it from the settings; tests shrink the limits.</summary>
public sealed record SalesforceClientOptions
{
    /// <summary>Where to log in (see <c>LoginEndpoint</c>): production by default, as Salesforce's own tools do.</summary>
    public Uri LoginUrl { get; init; } = new("https://login.salesforce.com");

    /// <summary>REST and Bulk API version, without the leading `v`.</summary>
    public string ApiVersion { get; init; } = "64.0";

    /// <summary>One HTTP attempt's timeout: 300 s lets a 100 MB upload through a slow link.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Retries after the first attempt: 5, as jsforce does, rides out a minute-long outage.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>First retry delay; doubled each time (with jitter), as jsforce's 500 ms × 2^n.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait between two retries, so a long outage is still probed twice a minute.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The jitter's random source (0 ≤ x &lt; 1); null: Polly's own. Tests fix it, so the waits they check are known.</summary>
    public Func<double>? RetryRandomizer { get; init; }

    /// <summary>First job-status poll: short, since small jobs finish in about a second. Also where backing off starts.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Shortest wait between two polls, however soon a job is expected to end: 50 ms is a few round trips.</summary>
    public TimeSpan PollMinInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Longest wait between two polls of one job: notices completion soon without hammering the API.</summary>
    public TimeSpan PollMaxInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Growth of the poll interval after each poll that found the job still running.</summary>
    public double PollBackoffFactor { get; init; } = 1.5;

    /// <summary>Abort a job still running after this long; null waits as long as Salesforce takes.</summary>
    public TimeSpan? JobTimeout { get; init; }

    /// <summary>CSV bytes per job: at most Salesforce's upload limit, which is the default.</summary>
    public long MaxJobBytes { get; init; } = SalesforceLimits.MaxUploadBytes;

    /// <summary>Rows asked for per set of query results (`maxRecords`): 50,000 short rows download well within one request's timeout.</summary>
    public int QueryPageRecords { get; init; } = 50_000;

    /// <summary>Query jobs of one lookup run at once: 4 hides the polling latency without crowding the org's job queue.</summary>
    public int QueryParallelism { get; init; } = 4;

    /// <summary>Longest SOQL statement sent; Salesforce's limit, lowered in tests to make many statements from few keys.</summary>
    public int MaxSoqlLength { get; init; } = SalesforceLimits.MaxSoqlLength;

    /// <summary>Reads (a status poll, a result download) asked again after a garbled or incomplete answer before the run gives up.</summary>
    public int MaxRereads { get; init; } = 3;

    /// <summary>What `--test-connection` may take at most, as the CLI promises.</summary>
    public TimeSpan TestConnectionTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A stream property the object has no field for stops the run instead of being dropped with a warning (off: taps often carry extra columns).</summary>
    public bool FailOnUnknownFields { get; init; }

    /// <summary>
    /// A batch of at most this many rows goes through sObject Collections (REST, synchronous) instead of a Bulk job;
    /// 0 sends everything by Bulk. 2,000 is Salesforce's own guidance for where Bulk API starts to pay.
    /// </summary>
    public int RestThresholdRows { get; init; } = 2000;

    /// <summary>Read back the Id of every accepted row (Bulk's successfulResults, a download per job): only for `results_file`, so off.</summary>
    public bool ReadsBackIds { get; init; }

    /// <summary>sObject Collections calls of one batch in flight at once: a few hide the round trips without crowding the org's concurrent-request limit.</summary>
    public int RestCallsInFlight { get; init; } = 4;

    /// <summary>Stop before the org's daily API requests pass this share (percent): 90 leaves the rest to the org's other integrations.</summary>
    public int MaxApiUsagePercent { get; init; } = 90;

    /// <summary>Stop before the org's daily Bulk API batches pass this share (percent): 90, for the same reason.</summary>
    public int MaxBulkBatchUsagePercent { get; init; } = 90;

    /// <summary>Sent as User-Agent on every request: names this client in the org's API usage logs (and the emulator's console).</summary>
    public string UserAgent { get; init; } = DefaultUserAgent();

    /// <summary>target-salesforce/VERSION, the version as the assembly carries it without its source-revision suffix.</summary>
    private static string DefaultUserAgent() =>
        "target-salesforce/" + (typeof(SalesforceClientOptions).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];
}

using SalesforceEmulator.Rest;

namespace SalesforceEmulator;

/// <summary>How an emulator instance runs. Each default says why it was chosen.</summary>
public sealed class EmulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 takes a free one, so parallel test runs never collide.</summary>
    public int Port { get; set; }

    /// <summary>Org definition file (JSON); null uses the built-in default org.</summary>
    public string? OrgFile { get; set; }

    /// <summary>
    /// A directory of describe JSON files (`sf sobject describe --json` or the REST describe), one object a file, whose
    /// objects replace or join the org's; null keeps the org definition's objects as they are.
    /// </summary>
    public string? DescribeDirectory { get; set; }

    /// <summary>Serve TLS with a self-signed certificate made at start, for clients that only speak https.</summary>
    public bool Https { get; set; }

    /// <summary>Seed of every random choice (ids, fault shares), so runs are repeatable.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Rows a second one worker processes; null is as fast as it can, which keeps tests quick.</summary>
    public double? ProcessingRate { get; set; }

    /// <summary>
    /// The org's pool of Bulk workers, shared by every job: each takes one 10,000-row chunk at a time. How many a real
    /// org runs depends on the org and its load and is not published; 4 keeps a laptop's two processes comparable.
    /// </summary>
    public int Workers { get; set; } = 4;

    /// <summary>The old name of <see cref="Workers"/> (it counted whole jobs); kept as an alias.</summary>
    public int MaxConcurrentJobs
    {
        get => Workers;
        set => Workers = value;
    }

    /// <summary>How long a queued chunk waits before a worker may take it; zero keeps tests quick (the benchmark sets one).</summary>
    public TimeSpan QueueLatency { get; set; } = TimeSpan.Zero;

    /// <summary>How long a transaction waits for a parent row another worker holds: Salesforce's 10 seconds.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Fault plan file (JSON) applied at start; null starts with no faults.</summary>
    public string? FaultsFile { get; set; }

    /// <summary>Access-token lifetime; two hours is Salesforce's default session timeout.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Where to write one line per request (method, path as sent, status); null logs nothing, the quiet default.</summary>
    public TextWriter? RequestLog { get; set; }

    /// <summary>The API versions served: 31.0 to 68.0, as a real org serves them at the end of 2026.</summary>
    public ApiVersionRange ApiVersions { get; set; } = ApiVersionRange.Default;

    /// <summary>
    /// Most bytes one Bulk upload may take once base64-encoded, as Salesforce counts it: 150 MB, its documented limit
    /// (about 100 MB of CSV). Tests set it small to provoke the refusal with little data.
    /// </summary>
    public long MaxUploadBase64Bytes { get; set; } = 150_000_000;

    /// <summary>The clock of token expiry, job timestamps and processing; tests inject a fake one.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;
}

using SalesforceEmulator.Admin;
using SalesforceEmulator.Auth;
using SalesforceEmulator.Bulk;
using SalesforceEmulator.Faults;
using SalesforceEmulator.Org;

namespace SalesforceEmulator;

/// <summary>Everything one emulator instance holds: the org's data, its jobs, sessions, faults and counters.</summary>
public sealed class EmulatorContext
{
    public EmulatorContext(EmulatorOptions options)
    {
        Options = options;
        Time = options.Time;
        Org = OrgStore.Load(options);
        Faults = new FaultPlan(options);
        Credentials = new LoginDirectory();
        OrgCredentialFeed.Apply(Credentials, Org);
        Tokens = new TokenStore(this);
        Stats = new EmulatorStats();
        Jobs = new JobStore(this);
    }

    public EmulatorOptions Options { get; }

    public TimeProvider Time { get; }

    /// <summary>The org's objects and records.</summary>
    public OrgStore Org { get; }

    /// <summary>Bulk API 2.0 ingest jobs and their processing.</summary>
    public JobStore Jobs { get; }

    /// <summary>Injected faults.</summary>
    public FaultPlan Faults { get; }

    /// <summary>The users, connected apps and refresh tokens the org accepts (defaults plus the org definition's).</summary>
    public LoginDirectory Credentials { get; }

    /// <summary>Issued access tokens and refresh tokens.</summary>
    public TokenStore Tokens { get; }

    /// <summary>Request counters for `/__emulator/stats`.</summary>
    public EmulatorStats Stats { get; }

    /// <summary>The base URL clients reach this instance at (set once the server listens).</summary>
    public Uri BaseUrl { get; set; } = new("http://127.0.0.1/");

    /// <summary>The base URL without a trailing slash, as instance_url and serverUrl carry it.</summary>
    public string BaseUrlText => BaseUrl.ToString().TrimEnd('/');
}

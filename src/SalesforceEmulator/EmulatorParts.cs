using SalesforceEmulator.Admin;
using SalesforceEmulator.Auth;
using SalesforceEmulator.Bulk;
using SalesforceEmulator.Bulk.Query;
using SalesforceEmulator.Faults;
using SalesforceEmulator.Hosting;
using SalesforceEmulator.Org;
using SalesforceEmulator.Rest;
using SalesforceEmulator.Rest.Assignment;
using SalesforceEmulator.Rest.Query;

namespace SalesforceEmulator;

/// <summary>
/// The stores one emulator instance is made of, built once from its options. Only <see cref="EmulatorHost"/> holds
/// this: each route group and middleware is handed the stores it uses, never the whole set.
/// </summary>
internal sealed class EmulatorParts
{
    public EmulatorParts(EmulatorOptions options)
    {
        Options = options;
        Org = OrgStore.Load(options);
        Faults = new FaultPlan(options);
        Credentials = new LoginDirectory();
        OrgCredentialFeed.Apply(Credentials, Org, options.OrgFile);
        Tokens = new TokenStore(Credentials, options.Time, options.TokenLifetime);
        Codes = new AuthorizationCodes(options.Time);
        Limits = new LimitLedger();
        try
        {
            Limits.Apply(Org.Definition.Limits, $"Org definition {options.OrgFile ?? "(built-in)"}: limits");
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
        Usage = new ApiUsage(Limits);
        Jobs = new JobStore(Org, Faults, Usage, options);
        QueryCursors = new QueryCursors(options.Time);
        QueryJobs = new QueryJobStore(Org, options);
    }

    public EmulatorOptions Options { get; }

    public OrgStore Org { get; }

    public JobStore Jobs { get; }

    /// <summary>Bulk API 2.0 query jobs.</summary>
    public QueryJobStore QueryJobs { get; }

    public FaultPlan Faults { get; }

    public LoginDirectory Credentials { get; }

    public TokenStore Tokens { get; }

    public AuthorizationCodes Codes { get; }

    public EmulatorStats Stats { get; } = new();

    /// <summary>The Sforce-Auto-Assign values REST writes carried.</summary>
    public AutoAssignUses AutoAssign { get; } = new();

    /// <summary>The org's limits and what clients spent of them.</summary>
    public LimitLedger Limits { get; }

    public ApiUsage Usage { get; }

    /// <summary>Query results being paged through (query locators).</summary>
    public QueryCursors QueryCursors { get; }

    public EmulatorAddress Address { get; } = new();
}

using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesforceEmulator.Admin;
using SalesforceEmulator.Auth;
using SalesforceEmulator.Bulk;
using SalesforceEmulator.Bulk.Query;
using SalesforceEmulator.Faults;
using SalesforceEmulator.Hosting;
using SalesforceEmulator.Org;
using SalesforceEmulator.Rest;
using SalesforceEmulator.Rest.Assignment;
using SalesforceEmulator.Rest.Collections;
using SalesforceEmulator.Rest.Composite;
using SalesforceEmulator.Rest.Query;
using SalesforceEmulator.Rest.Records;
using SalesforceEmulator.WebConsole;

namespace SalesforceEmulator;

/// <summary>
/// One running emulator: a Kestrel server on 127.0.0.1 serving the org. Embeddable from tests
/// (<see cref="StartAsync"/>, <see cref="BaseUrl"/>, <see cref="DisposeAsync"/>) and run by Program.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly X509Certificate2? certificate;
    private readonly EmulatorParts parts;

    private EmulatorHost(WebApplication app, EmulatorParts parts, X509Certificate2? certificate, string? certificatePath)
    {
        this.app = app;
        this.certificate = certificate;
        this.parts = parts;
        CertificatePath = certificatePath;
    }

    public EmulatorOptions Options => parts.Options;

    /// <summary>The org's objects and records.</summary>
    public OrgStore Org => parts.Org;

    /// <summary>Bulk API 2.0 ingest jobs and their processing.</summary>
    public JobStore Jobs => parts.Jobs;

    /// <summary>Bulk API 2.0 query jobs and their processing.</summary>
    public QueryJobStore QueryJobs => parts.QueryJobs;

    /// <summary>Injected faults.</summary>
    public FaultPlan Faults => parts.Faults;

    /// <summary>The users, connected apps and refresh tokens the org accepts (defaults plus the org definition's).</summary>
    public LoginDirectory Credentials => parts.Credentials;

    /// <summary>Issued access tokens and refresh tokens.</summary>
    public TokenStore Tokens => parts.Tokens;

    /// <summary>The org's limits (`/limits`) and what clients spent of them.</summary>
    public LimitLedger Limits => parts.Limits;

    /// <summary>Request counters for `/__emulator/stats`.</summary>
    public EmulatorStats Stats => parts.Stats;

    /// <summary>The base URL, e.g. http://127.0.0.1:43121 (no trailing slash in its string form).</summary>
    public Uri BaseUrl => parts.Address.BaseUrl;

    /// <summary>The web console's front page, e.g. http://127.0.0.1:43121/__emulator/ui/.</summary>
    public Uri ConsoleUrl => new(BaseUrl, ConsoleLinks.Home);

    /// <summary>With https: the PEM file of the self-signed certificate, for clients to trust; otherwise null.</summary>
    public string? CertificatePath { get; }

    /// <summary>Starts a server. Throws <see cref="FaultPlanException"/> when the options' fault file is unusable.</summary>
    public static async Task<EmulatorHost> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        var parts = new EmulatorParts(options);
        var certificate = options.Https ? SelfSignedCertificate.Create() : null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Loopback only: the emulator holds credentials and data and must never be reachable from elsewhere.
            kestrel.Listen(System.Net.IPAddress.Loopback, options.Port, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
            kestrel.Limits.MaxRequestBodySize = null;
        });
                var app = builder.Build();

        // Order matters: the request log sees the path as sent; paths are normalised before routing picks an endpoint; counting sees every request
        // (faulted or refused ones too); faults come before auth, as an overloaded edge answers before the org does.
        app.UseRequestLog(options.RequestLog, options.Time);
        app.UsePathNormalisation();
        app.UseRouting();
        app.UseRequestCounting(parts.Stats);
        app.UseFaults(parts.Faults, options.Time);
        app.UseSessionGate(parts.Tokens, parts.Faults);
        app.UseAutoAssignHeader(parts.AutoAssign);

        app.MapAdminApi(parts.Org, parts.Jobs, parts.Faults, parts.Tokens, parts.Stats, parts.QueryCursors, parts.QueryJobs, parts.AutoAssign);
        app.MapAuthApi(parts.Credentials, parts.Tokens, parts.Codes, parts.Address, options.Time, options.ApiVersions);
        MapDataApi(app, parts, options);
        app.MapConsole(parts.Org, parts.Jobs, parts.Faults, parts.Stats, parts.Usage);
        app.MapLimitsAdmin(parts.Limits, parts.Credentials);

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            certificate?.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        parts.Address.BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        var certificatePath = certificate is null ? null : SelfSignedCertificate.WritePem(certificate);
        return new EmulatorHost(app, parts, certificate, certificatePath);
    }

    /// <summary>REST (records, queries, composite) and Bulk routes, each group handed the stores it uses.</summary>
    private static void MapDataApi(WebApplication app, EmulatorParts parts, EmulatorOptions options)
    {
        var versions = new VersionGate(options.ApiVersions);
        var queries = new QueryEndpoint(parts.Org, parts.QueryCursors);
        var records = new SObjectRecordEndpoints(parts.Org, new RecordSaver(parts.Org, options.Time));
        var writeLocks = new RestWriteLocks(parts.Org, parts.Jobs.Locks, options.LockTimeout, options.Time);
        var subrequests = new SubrequestRunner(parts.Org, records, queries, versions, writeLocks);
        new RestRoutes(parts.Org, parts.Usage, versions, parts.Credentials, parts.Address, queries).Map(app);
        new SObjectRecordRoutes(records, writeLocks, versions, parts.Usage).Map(app);
        new CompositeRoutes(new CompositeEndpoint(subrequests), new CompositeBatchEndpoint(subrequests),
            new SObjectTreeEndpoint(parts.Org, new RecordSaver(parts.Org, options.Time)), versions, parts.Usage).Map(app);
        var collectionVersions = new VersionGate(options.ApiVersions, SObjectCollectionsEndpoint.FirstVersion);
        new SObjectCollectionsRoutes(new SObjectCollectionsEndpoint(parts.Org, new RecordSaver(parts.Org, options.Time), writeLocks), collectionVersions, parts.Usage).Map(app);
        var ingestVersions = new VersionGate(options.ApiVersions, ApiVersionRange.FirstBulkIngestVersion);
        new BulkRoutes(parts.Org, parts.Jobs, options.Time).Map(app, ingestVersions, parts.Usage);
        new QueryJobRoutes(parts.Org, parts.QueryJobs, parts.Usage, options.Time)
            .Map(app, new VersionGate(options.ApiVersions, ApiVersionRange.FirstBulkQueryVersion));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        parts.QueryJobs.Dispose();
        certificate?.Dispose();
        if (CertificatePath is not null)
        {
            File.Delete(CertificatePath);
        }
    }
}

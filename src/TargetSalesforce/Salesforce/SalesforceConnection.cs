using System.Net;
using Microsoft.Extensions.Logging;
using TargetSalesforce.Destination;
using TargetSalesforce.Naming;
using TargetSalesforce.Salesforce.Api;
using TargetSalesforce.Salesforce.Auth;
using TargetSalesforce.Salesforce.Bulk;
using TargetSalesforce.Salesforce.Collections;
using TargetSalesforce.Salesforce.Describe;
using TargetSalesforce.Salesforce.Http;
using TargetSalesforce.Salesforce.Query;
using TargetSalesforce.Salesforce.References;
using TargetSalesforce.Salesforce.Limits;

namespace TargetSalesforce.Salesforce;

/// <summary>
/// Everything a run needs of Salesforce, built from credentials and options: one session, the
/// resilient HTTP pipeline, the describe cache, and the <see cref="IObjectLoader"/> loading writes through.
/// </summary>
public sealed class SalesforceConnection : IDisposable
{
    private readonly ResilientTransport transport;
    private readonly BulkBatchLoader batches;
    private readonly SessionProvider sessions;
    private readonly DescribeCache describes;
    private readonly SalesforceClientOptions options;
    private readonly TimeProvider time;
    private readonly LoginCredentials login;
    private readonly SalesforceApi api;
    private readonly NameLookup names;

    private SalesforceConnection(LoginCredentials login, SalesforceClientOptions options, ILoggerFactory loggerFactory,
        TimeProvider time, ISecretSink secrets, HttpMessageHandler handler)
    {
        this.login = login;
        this.options = options;
        this.time = time;
        var logger = loggerFactory.CreateLogger("TargetSalesforce.Salesforce");
        LoginEndpoint.EnsureCredentialsMayTravel(options.LoginUrl, "the login URL (domain)");
        transport = new ResilientTransport(handler, options, time, logger);
        sessions = new SessionProvider(LoginFlows.Create(login, transport, options.LoginUrl, options.ApiVersion, time, secrets), logger);
        var allowance = new OrgAllowance(options, logger);
        api = new SalesforceApi(transport, sessions, options.ApiVersion, logger, allowance.Observe);
        describes = new DescribeCache(api);
        var client = new BulkIngestClient(api);
        var bulkLogger = loggerFactory.CreateLogger("TargetSalesforce.Salesforce.Bulk");
        batches = new BulkBatchLoader(client, new JobPoller(client, options, time, bulkLogger), new UploadRetryPolicy(options, time, bulkLogger), allowance, options, bulkLogger);
        var collections = new CollectionsBatchLoader(new CollectionsClient(api), allowance, options, loggerFactory.CreateLogger("TargetSalesforce.Salesforce.Collections"));
        var queryLogger = loggerFactory.CreateLogger("TargetSalesforce.Salesforce.Query");
        var queries = new BulkQuery(new BulkQueryClient(api), options, time, queryLogger);
        ExternalIds = new ExternalIdLookup(queries, options, queryLogger);
        names = new NameLookup(new RestQuery(api), queryLogger);
        var references = new ReferenceResolver(names, describes.GetAsync);
        Loader = new SalesforceObjectLoader(
            api, allowance, describes, new FieldMapper(options.FailOnUnknownFields, logger), batches, collections, options, ExternalIds, queries,
            references, time, bulkLogger);
    }

    /// <summary>Finds rows by external id with Bulk query jobs (the writers' lookups use it).</summary>
    internal ExternalIdLookup ExternalIds { get; }

    /// <summary>The writer side the pipeline uses: one per run.</summary>
    public IObjectLoader Loader { get; }

    /// <summary>Bulk jobs closed but neither seen to end nor aborted: after a stop, Salesforce may still be loading them.</summary>
    public IReadOnlyCollection<string> JobsMayBeProcessing => batches.JobsMayBeProcessing;

    /// <summary>
    /// Builds the connection (no network yet: the first call logs in). Throws
    /// <see cref="AuthenticationFailedException"/> for a login URL credentials may not travel to (plain http off loopback).
    /// </summary>
    /// <param name="login">How to log in (one kind per flow); its secrets go to <paramref name="secrets"/> at once.</param>
    /// <param name="options">How to talk to the org.</param>
    /// <param name="secrets">Receives each access token (and a rotated refresh token) for log redaction.</param>
    /// <param name="handler">Tests pass a mock; null uses a pooled socket handler with gzip.</param>
    public static SalesforceConnection Create(LoginCredentials login, SalesforceClientOptions options, ILoggerFactory loggerFactory,
        TimeProvider timeProvider, ISecretSink? secrets = null, HttpMessageHandler? handler = null)
    {
        var sink = secrets ?? NoSecretSink.Instance;
        foreach (var secret in login.Secrets)
        {
            if (!string.IsNullOrEmpty(secret))
            {
                sink.Register(secret);
            }
        }

        return new SalesforceConnection(login, options, loggerFactory, timeProvider, sink,
            handler ?? new SocketsHttpHandler
            {
                AutomaticDecompression = DecompressionMethods.GZip,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AllowAutoRedirect = false,
            });
    }

    /// <summary>
    /// Logs in and describes each object, within the test-connection timeout. Returns a one-line
    /// summary; throws with the reason (<see cref="AuthenticationFailedException"/>,
    /// <see cref="LoadConfigurationException"/>, <see cref="SalesforceApiException"/>, <see cref="TimeoutException"/>).
    /// </summary>
    public async Task<string> TestConnectionAsync(IEnumerable<string> objects, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.TestConnectionTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var session = await sessions.GetAsync(linked.Token).ConfigureAwait(false);

            var described = new List<string>();
            foreach (var name in objects.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var describe = await describes.GetAsync(name, linked.Token).ConfigureAwait(false);
                described.Add($"{describe.Name} ({Counted.Of(describe.Fields.Count, "field")})");
            }

            var loggedIn = $"Logged in to {session.InstanceUrl.Host} with the {login.FlowName} flow (API v{options.ApiVersion})";
            // One cheap authenticated call: it tells what the org has left today, and proves a token handed in
            // (not checked by logging in) when no describe did.
            string allowances;
            try
            {
                allowances = $"Daily allowances: {OrgAllowance.Describe(await LimitsResource.ReadAsync(api, linked.Token).ConfigureAwait(false))}.";
            }
            catch (SalesforceApiException exception) when (login is not GivenAccessTokenLogin || described.Count > 0)
            {
                allowances = $"The org's daily allowances could not be read ({exception.Message}).";
            }

            return described.Count == 0 ? $"{loggedIn}. {allowances}" : $"{loggedIn}; described {string.Join(", ", described)}. {allowances}";
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"Salesforce did not answer the login and describe calls within {options.TestConnectionTimeout.TotalSeconds:0} s.");
        }
    }

    /// <summary>
    /// Logs in, then checks each configured stream's object, action and upsert key (<see cref="TargetCheck"/>),
    /// all within the test-connection timeout. An object that does not exist is a check's problem
    /// (naming the closest objects); a refused login or an unreachable host throws, as for <see cref="TestConnectionAsync"/>.
    /// </summary>
    internal async Task<(string Summary, IReadOnlyList<TargetCheck> Checks)> CheckAsync(
        IReadOnlyList<(string Source, ObjectOperation Operation)> operations, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.TestConnectionTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var summary = await TestConnectionAsync([], linked.Token).ConfigureAwait(false);
            var checks = new List<TargetCheck>();
            foreach (var (source, operation) in operations)
            {
                try
                {
                    var describe = await describes.GetAsync(operation.ObjectName, linked.Token).ConfigureAwait(false);
                    checks.Add(TargetCheck.Of(source, operation, describe));
                }
                catch (LoadConfigurationException missing)
                {
                    checks.Add(new TargetCheck(source, operation, missing.Message));
                }
            }

            return (summary, checks);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"Salesforce did not answer the login and describe calls within {options.TestConnectionTimeout.TotalSeconds:0} s.");
        }
    }

    public void Dispose()
    {
        names.Dispose();
        sessions.Dispose();
        transport.Dispose();
    }
}

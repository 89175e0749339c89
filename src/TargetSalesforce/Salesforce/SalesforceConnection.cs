using System.Net;
using Microsoft.Extensions.Logging;
using TargetSalesforce.Destination;
using TargetSalesforce.Salesforce.Api;
using TargetSalesforce.Salesforce.Auth;
using TargetSalesforce.Salesforce.Bulk;
using TargetSalesforce.Salesforce.Describe;
using TargetSalesforce.Salesforce.Http;

namespace TargetSalesforce.Salesforce;

/// <summary>
/// Everything a run needs of Salesforce, built from credentials and options: one session, the
/// resilient HTTP pipeline, the describe cache, and the <see cref="IObjectLoader"/> loading writes through.
/// </summary>
public sealed class SalesforceConnection : IDisposable
{
    private readonly ResilientTransport transport;
    private readonly SessionProvider sessions;
    private readonly DescribeCache describes;
    private readonly SalesforceClientOptions options;
    private readonly TimeProvider time;

    private SalesforceConnection(SalesforceCredentials credentials, SalesforceClientOptions options, ILoggerFactory loggerFactory,
        TimeProvider time, ISecretSink secrets, HttpMessageHandler handler)
    {
        this.options = options;
        this.time = time;
        var logger = loggerFactory.CreateLogger("TargetSalesforce.Salesforce");
        LoginEndpoint.EnsureCredentialsMayTravel(options.LoginUrl, "the login URL (domain)");
        transport = new ResilientTransport(handler, options, time, logger);
        sessions = new SessionProvider(LoginFlow(credentials, options, secrets), logger);
        var api = new SalesforceApi(transport, sessions, options.ApiVersion, logger);
        describes = new DescribeCache(api);
        var client = new BulkIngestClient(api);
        var bulkLogger = loggerFactory.CreateLogger("TargetSalesforce.Salesforce.Bulk");
        var batches = new BulkBatchLoader(client, new JobPoller(client, options, time, bulkLogger), options, bulkLogger);
        Loader = new SalesforceObjectLoader(describes, new FieldMapper(options.FailOnUnknownFields, logger), batches);
    }

    /// <summary>The writer side the pipeline uses: one per run.</summary>
    public IObjectLoader Loader { get; }

    /// <summary>
    /// Builds the connection (no network yet: the first call logs in). Throws
    /// <see cref="AuthenticationFailedException"/> for a login URL credentials may not travel to (plain http off loopback).
    /// </summary>
    /// <param name="credentials">Who logs in; their secrets go to <paramref name="secrets"/> at once.</param>
    /// <param name="options">How to talk to the org.</param>
    /// <param name="secrets">Receives each access token (and a rotated refresh token) for log redaction.</param>
    /// <param name="handler">Tests pass a mock; null uses a pooled socket handler with gzip.</param>
    public static SalesforceConnection Create(SalesforceCredentials credentials, SalesforceClientOptions options, ILoggerFactory loggerFactory,
        TimeProvider timeProvider, ISecretSink? secrets = null, HttpMessageHandler? handler = null)
    {
        var sink = secrets ?? NoSecretSink.Instance;
        foreach (var secret in credentials.Secrets)
        {
            if (!string.IsNullOrEmpty(secret))
            {
                sink.Register(secret);
            }
        }

        return new SalesforceConnection(credentials, options, loggerFactory, timeProvider, sink,
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
                described.Add($"{describe.Name} ({describe.Fields.Count} fields)");
            }

            return described.Count == 0
                ? $"Logged in to {session.InstanceUrl.Host} (API v{options.ApiVersion})."
                : $"Logged in to {session.InstanceUrl.Host} (API v{options.ApiVersion}); described {string.Join(", ", described)}.";
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"Salesforce did not answer the login and describe calls within {options.TestConnectionTimeout.TotalSeconds:0} s.");
        }
    }

    /// <summary>The login flow for these credentials: a new kind of credentials adds its case here.</summary>
    private ILoginFlow LoginFlow(SalesforceCredentials credentials, SalesforceClientOptions options, ISecretSink secrets) => credentials switch
    {
        RefreshTokenCredentials oauth => new OAuthRefreshTokenFlow(
            transport, options.LoginUrl, oauth.ClientId, oauth.ClientSecret, oauth.RefreshToken, secrets),
        PasswordCredentials password => new SoapLoginFlow(
            transport, options.LoginUrl, options.ApiVersion, password.Username, password.Password, password.SecurityToken, secrets),
        _ => throw new AuthenticationFailedException($"No login flow takes {credentials} credentials."),
    };

    public void Dispose()
    {
        sessions.Dispose();
        transport.Dispose();
    }
}

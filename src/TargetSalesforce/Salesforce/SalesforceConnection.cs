using System.Net;
using Microsoft.Extensions.Logging;
using TargetSalesforce.Configuration;
using TargetSalesforce.Loading;
using TargetSalesforce.Salesforce.Auth;
using TargetSalesforce.Salesforce.Bulk;
using TargetSalesforce.Salesforce.Describe;
using TargetSalesforce.Salesforce.Http;

namespace TargetSalesforce.Salesforce;

/// <summary>
/// Everything the run needs of Salesforce, built from the settings: one session, the resilient
/// HTTP pipeline, the describe cache, and the <see cref="IObjectLoader"/> the pipeline writes through.
/// </summary>
public sealed class SalesforceConnection : IDisposable
{
    private readonly ResilientTransport _transport;
    private readonly SessionProvider _sessions;
    private readonly DescribeCache _describes;
    private readonly SalesforceClientOptions _options;
    private readonly TimeProvider _time;
    private readonly LoginCredentials _login;
    private readonly SalesforceApi _api;

    private SalesforceConnection(TargetSettings settings, SalesforceClientOptions options, ILoggerFactory loggerFactory,
        TimeProvider time, ISecretSink secrets, HttpMessageHandler handler)
    {
        _options = options;
        _time = time;
        var logger = loggerFactory.CreateLogger("TargetSalesforce.Salesforce");
        var loginUrl = LoginEndpoint.Resolve(settings.Domain);
        _transport = new ResilientTransport(handler, options, time, logger);
        _login = options.Login ?? CredentialsFromSettings(settings);
        _sessions = new SessionProvider(LoginFlows.Create(_login, _transport, loginUrl, options.ApiVersion, time, secrets), logger);
        _api = new SalesforceApi(_transport, _sessions, options.ApiVersion, logger);
        _describes = new DescribeCache(_api);
        var client = new BulkIngestClient(_api);
        var bulkLogger = loggerFactory.CreateLogger("TargetSalesforce.Salesforce.Bulk");
        var runner = new BulkJobRunner(client, new JobPoller(client, options, time, bulkLogger), new UploadRetryPolicy(options, time, bulkLogger), options, bulkLogger);
        Loader = new SalesforceObjectLoader(_describes, new FieldMapper(settings.UnknownFields, logger), runner);
    }

    /// <summary>The writer side the pipeline uses: one per run.</summary>
    public IObjectLoader Loader { get; }

    /// <summary>
    /// Builds the connection (no network yet: the first call logs in). Throws
    /// <see cref="AuthenticationFailedException"/> for a domain that cannot be used (plain http off loopback).
    /// </summary>
    /// <param name="secrets">Receives each access token (and a rotated refresh token) for log redaction.</param>
    /// <param name="handler">Tests pass a mock; null uses a pooled socket handler with gzip.</param>
    /// <param name="options">Overrides derived from <paramref name="settings"/> (tests shrink limits).</param>
    public static SalesforceConnection Create(TargetSettings settings, ILoggerFactory loggerFactory, TimeProvider timeProvider,
        ISecretSink? secrets = null, HttpMessageHandler? handler = null, SalesforceClientOptions? options = null)
    {
        var sink = secrets ?? NoSecretSink.Instance;
        foreach (var secret in new[] { settings.ClientSecret, settings.RefreshToken, settings.Password, settings.SecurityToken }
                     .Concat(options?.Login?.Secrets ?? []))
        {
            if (!string.IsNullOrEmpty(secret))
            {
                sink.Register(secret);
            }
        }

        return new SalesforceConnection(settings, options ?? SalesforceClientOptions.FromSettings(settings), loggerFactory, timeProvider, sink,
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
        using var timeout = new CancellationTokenSource(_options.TestConnectionTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var session = await _sessions.GetAsync(linked.Token).ConfigureAwait(false);
            if (_login is GivenAccessTokenLogin && !objects.Any())
            {
                // A token handed in was not checked by logging in: one cheap authenticated call proves it.
                await _api.SendAsync(new ApiRequest(HttpMethod.Get, _api.DataPath("limits"), "check the access token", ReplayRule.Idempotent), linked.Token)
                    .ConfigureAwait(false);
            }

            var described = new List<string>();
            foreach (var name in objects.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var describe = await _describes.GetAsync(name, linked.Token).ConfigureAwait(false);
                described.Add($"{describe.Name} ({describe.Fields.Count} fields)");
            }

            var loggedIn = $"Logged in to {session.InstanceUrl.Host} with the {_login.FlowName} flow (API v{_options.ApiVersion})";
            return described.Count == 0 ? $"{loggedIn}." : $"{loggedIn}; described {string.Join(", ", described)}.";
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"Salesforce did not answer the login and describe calls within {_options.TestConnectionTimeout.TotalSeconds:0} s.");
        }
    }

    /// <summary>The choice made before the login flows were set from outside: refresh token when complete, else password.</summary>
    private static LoginCredentials CredentialsFromSettings(TargetSettings settings)
    {
        if (settings.UsesOAuth)
        {
            return new RefreshTokenLogin(settings.ClientId!, settings.ClientSecret, settings.RefreshToken!);
        }

        if (settings.Username is null || settings.Password is null)
        {
            throw new AuthenticationFailedException(
                "No complete credentials: set client_id, client_secret and refresh_token, or username and password (and security_token).");
        }

        return new PasswordLogin(settings.Username, settings.Password, settings.SecurityToken);
    }

    public void Dispose()
    {
        _sessions.Dispose();
        _transport.Dispose();
    }
}

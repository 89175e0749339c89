using Microsoft.Extensions.Logging.Abstractions;
using RichardSzalay.MockHttp;
using TargetSalesforce.Salesforce.Api;
using TargetSalesforce.Salesforce;
using TargetSalesforce.Salesforce.Auth;
using TargetSalesforce.Salesforce.Bulk;
using TargetSalesforce.Salesforce.Http;

namespace TargetSalesforce.Tests.Salesforce.Http;

/// <summary>The authenticated API over a mock, logged in by OAuth (tokens T1, T2, …).</summary>
internal sealed class ApiHarness : IDisposable
{
    private readonly ResilientTransport transport;

    public ApiHarness(SalesforceClientOptions? options = null, TimeProvider? time = null)
    {
        Mock = new MockHttpMessageHandler();
        TokenCalls = TestOrg.TokenEndpoint(Mock);
        Options = options ?? TestOrg.FastOptions;
        transport = new ResilientTransport(Mock, Options, time ?? TimeProvider.System, NullLogger.Instance);
        Sessions = new SessionProvider(
            new OAuthRefreshTokenFlow(transport, new Uri(TestOrg.Login), "client-id", TestOrg.ClientSecret, TestOrg.RefreshToken, NoSecretSink.Instance),
            NullLogger.Instance);
        Api = new SalesforceApi(transport, Sessions, "64.0", NullLogger.Instance);
        Bulk = new BulkIngestClient(Api);
    }

    public MockHttpMessageHandler Mock { get; }

    public Func<int> TokenCalls { get; }

    public SalesforceClientOptions Options { get; }

    public SessionProvider Sessions { get; }

    public SalesforceApi Api { get; }

    public BulkIngestClient Bulk { get; }

    public void Dispose()
    {
        Sessions.Dispose();
        transport.Dispose();
    }
}

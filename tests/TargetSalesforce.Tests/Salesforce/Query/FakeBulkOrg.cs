using Microsoft.Extensions.Logging;
using RichardSzalay.MockHttp;
using TargetSalesforce.Salesforce;
using TargetSalesforce.Tests.Salesforce.Bulk;

namespace TargetSalesforce.Tests.Salesforce.Query;

/// <summary>
/// A connection to a mocked org that describes one object and answers Bulk API 2.0 ingest and query jobs with the
/// fakes: the setup of the writers that query before they write (external-id keyed deletes and updates, version sweeps).
/// </summary>
internal sealed class FakeBulkOrg : IDisposable
{
    private readonly ILoggerFactory loggers;

    public FakeBulkOrg(string objectName, string describe, TimeProvider time)
    {
        Mock = new MockHttpMessageHandler();
        TestOrg.TokenEndpoint(Mock);
        Mock.When(HttpMethod.Get, $"{TestOrg.Data}/sobjects/{objectName}/describe").Respond("application/json", describe);
        Bulk = new FakeBulkApi(Mock);
        Queries = new FakeBulkQueryApi(Mock);
        (loggers, _) = CapturingLoggerProvider.Create();
        // Polls without pause: the fakes answer at once.
        Connection = SalesforceConnection.Create(TestOrg.OAuth, TestOrg.FastOptions with { PollMinInterval = TimeSpan.Zero }, loggers, time, null, Mock);
    }

    public MockHttpMessageHandler Mock { get; }

    public FakeBulkApi Bulk { get; }

    public FakeBulkQueryApi Queries { get; }

    public SalesforceConnection Connection { get; }

    public void Dispose()
    {
        Connection.Dispose();
        loggers.Dispose();
        Mock.Dispose();
    }
}

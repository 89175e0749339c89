using System.Net.Sockets;
using System.Net;
using Polly.Timeout;
using RichardSzalay.MockHttp;
using TargetSalesforce.Destination;
using TargetSalesforce.Salesforce.Http;

namespace TargetSalesforce.Tests.Salesforce.Http;

public class RetryRuleTests
{
    private const string JobJson = """{"id":"750A","state":"Open"}""";

    private static Func<HttpRequestMessage, HttpResponseMessage> FailThen(int failures, Func<HttpResponseMessage> failure, string success, Action? onCall = null)
    {
        var calls = 0;
        return _ =>
        {
            onCall?.Invoke();
            return ++calls <= failures ? failure() : new HttpResponseMessage(HttpStatusCode.OK) { Content = TestOrg.Json(success) };
        };
    }

    private static HttpResponseMessage Status(HttpStatusCode status, string body = "") =>
        new(status) { Content = TestOrg.Json(body) };

    [Test]
    public async Task Get_is_retried_on_503()
    {
        using var harness = new ApiHarness();
        var calls = 0;
        harness.Mock.When(HttpMethod.Get, TestOrg.Data + "/jobs/ingest/750A")
            .Respond(FailThen(2, () => Status(HttpStatusCode.ServiceUnavailable, """[{"errorCode":"SERVER_UNAVAILABLE","message":"down"}]"""), JobJson, () => calls++));

        var job = await harness.Bulk.GetAsync("750A", CancellationToken.None);

        Assert.That(job.State, Is.EqualTo(TargetSalesforce.Salesforce.Bulk.JobState.Open));
        Assert.That(calls, Is.EqualTo(3));
    }

    [Test]
    public void Get_gives_up_after_the_retry_budget_naming_the_request()
    {
        using var harness = new ApiHarness();
        var calls = 0;
        harness.Mock.When(HttpMethod.Get, TestOrg.Data + "/jobs/ingest/750A")
            .Respond(_ => { calls++; return new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html><body>502</body></html>", System.Text.Encoding.UTF8, "text/html") }; });

        var error = Assert.ThrowsAsync<SalesforceApiException>(() => harness.Bulk.GetAsync("750A", CancellationToken.None));

        Assert.That(calls, Is.EqualTo(1 + harness.Options.MaxRetries));
        Assert.That(error!.Message, Does.Contain("GET /services/data/v64.0/jobs/ingest/750A (status of job 750A)").And.Contain("HTML page").And.Contain("502"));
    }

    [Test]
    public async Task Get_is_retried_after_a_network_failure()
    {
        using var harness = new ApiHarness();
        var calls = 0;
        harness.Mock.When(HttpMethod.Get, TestOrg.Data + "/jobs/ingest/750A").Respond(_ =>
        {
            if (++calls == 1)
            {
                throw new HttpRequestException(HttpRequestError.ResponseEnded, "connection reset");
            }

            return Status(HttpStatusCode.OK, JobJson);
        });

        await harness.Bulk.GetAsync("750A", CancellationToken.None);

        Assert.That(calls, Is.EqualTo(2));
    }

    // A repeated create can at worst leave an empty Open job behind, which loads nothing: worth it to ride out the fault.
    [TestCase(HttpStatusCode.InternalServerError)]
    [TestCase(HttpStatusCode.BadGateway)]
    public async Task Create_job_is_retried_after_a_server_error(HttpStatusCode status)
    {
        using var harness = new ApiHarness();
        var calls = 0;
        harness.Mock.When(HttpMethod.Post, TestOrg.Data + "/jobs/ingest").Respond(FailThen(1, () => Status(status), JobJson, () => calls++));

        var job = await harness.Bulk.CreateAsync("Contact", LoadAction.Insert, null, CancellationToken.None);

        Assert.That(job.Id, Is.EqualTo("750A"));
        Assert.That(calls, Is.EqualTo(2));
    }

    [Test]
    public void Create_job_gives_up_after_the_retries_naming_the_request()
    {
        using var harness = new ApiHarness();
        var calls = 0;
        harness.Mock.When(HttpMethod.Post, TestOrg.Data + "/jobs/ingest").Respond(_ =>
        {
            calls++;
            throw new HttpRequestException(HttpRequestError.ResponseEnded, "the server closed the connection");
        });

        var error = Assert.ThrowsAsync<SalesforceApiException>(() => harness.Bulk.CreateAsync("Contact", LoadAction.Insert, null, CancellationToken.None));

        Assert.That(calls, Is.GreaterThan(1), "an ambiguous network failure is retried");
        Assert.That(error!.Message, Does.Contain("POST /services/data/v64.0/jobs/ingest (create insert job on Contact)"));
    }

    // Issue 13: five retries of an error that cannot go away took 8-9 s, most of Mage's 10 s for a connection test.
    private static IEnumerable<TestCaseData> Unreachable()
    {
        yield return new TestCaseData(new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known"), "does not resolve (DNS)").SetName("DNS failure");
        yield return new TestCaseData(
            new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused)), "refused the connection").SetName("connection refused");
        yield return new TestCaseData(
            new HttpRequestException(HttpRequestError.SecureConnectionError, "The SSL connection could not be established", new System.Security.Authentication.AuthenticationException("certificate untrusted")),
            "TLS connection").SetName("TLS failure");
    }

    [TestCaseSource(nameof(Unreachable))]
    public void An_error_that_cannot_go_away_fails_at_once_naming_the_host(HttpRequestException failure, string words)
    {
        using var harness = new ApiHarness();
        var calls = 0;
        harness.Mock.When(HttpMethod.Get, TestOrg.Data + "/jobs/ingest/750A").Respond(_ =>
        {
            calls++;
            throw failure;
        });

        var error = Assert.ThrowsAsync<SalesforceApiException>(() => harness.Bulk.GetAsync("750A", CancellationToken.None));

        Assert.That(calls, Is.EqualTo(1), "not retried");
        Assert.That(error!.Message, Does.Contain(words).And.Contain(new Uri(TestOrg.Data).Host));
    }

    [Test]
    public void Creating_a_job_on_a_host_that_refuses_fails_at_once()
    {
        using var harness = new ApiHarness();
        var calls = 0;
        harness.Mock.When(HttpMethod.Post, TestOrg.Data + "/jobs/ingest").Respond(_ =>
        {
            calls++;
            throw new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused));
        });

        var error = Assert.ThrowsAsync<SalesforceApiException>(() => harness.Bulk.CreateAsync("Contact", LoadAction.Insert, null, CancellationToken.None));

        Assert.That(calls, Is.EqualTo(1));
        Assert.That(error!.Message, Does.Contain("refused the connection"));
    }

    [Test]
    public async Task Concurrent_request_limit_is_retried_even_for_create()
    {
        using var harness = new ApiHarness();
        var calls = 0;
        harness.Mock.When(HttpMethod.Post, TestOrg.Data + "/jobs/ingest").Respond(FailThen(2,
            () => Status(HttpStatusCode.Forbidden, """[{"message":"ConcurrentPerOrgLongTxn Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"""),
            JobJson, () => calls++));

        await harness.Bulk.CreateAsync("Contact", LoadAction.Insert, null, CancellationToken.None);

        Assert.That(calls, Is.EqualTo(3));
    }

    [Test]
    public void Daily_request_limit_fails_at_once_with_a_clear_message()
    {
        using var harness = new ApiHarness();
        var calls = 0;
        harness.Mock.When(HttpMethod.Get, TestOrg.Data + "/jobs/ingest/750A").Respond(FailThen(5,
            () => Status(HttpStatusCode.Forbidden, """[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"""),
            JobJson, () => calls++));

        var error = Assert.ThrowsAsync<SalesforceApiException>(() => harness.Bulk.GetAsync("750A", CancellationToken.None));

        Assert.That(calls, Is.EqualTo(1));
        Assert.That(error!.Message, Does.Contain("daily API request limit").And.Contain("TotalRequests Limit exceeded."));
    }

    [Test]
    public void Upload_that_timed_out_is_not_resent_and_reported_as_unknown()
    {
        using var harness = new ApiHarness();
        var calls = 0;
        harness.Mock.When(HttpMethod.Put, TestOrg.Data + "/jobs/ingest/750A/batches").Respond(_ =>
        {
            calls++;
            throw new TimeoutRejectedException("attempt timed out");
        });

        Assert.ThrowsAsync<UploadOutcomeUnknownException>(() => harness.Bulk.UploadAsync("750A", "Name\n"u8.ToArray(), ["a\n"u8.ToArray()], CancellationToken.None));
        Assert.That(calls, Is.EqualTo(1));
    }

    [Test]
    public void Upload_answered_with_a_5xx_is_reported_as_unknown_without_a_resend()
    {
        using var harness = new ApiHarness();
        var calls = 0;
        harness.Mock.When(HttpMethod.Put, TestOrg.Data + "/jobs/ingest/750A/batches").Respond(_ => { calls++; return Status(HttpStatusCode.ServiceUnavailable); });

        Assert.ThrowsAsync<UploadOutcomeUnknownException>(() => harness.Bulk.UploadAsync("750A", "Name\n"u8.ToArray(), ["a\n"u8.ToArray()], CancellationToken.None));
        Assert.That(calls, Is.EqualTo(1));
    }

    [Test]
    public async Task An_upload_replayed_after_a_session_refresh_sends_the_same_bytes()
    {
        using var harness = new ApiHarness();
        var bodies = new List<string>();
        harness.Mock.When(HttpMethod.Put, TestOrg.Data + "/jobs/ingest/750A/batches").Respond(request =>
        {
            bodies.Add(request.Content!.ReadAsStringAsync().Result);
            return TestOrg.Bearer(request) == "T1" ? TestOrg.InvalidSession() : new HttpResponseMessage(HttpStatusCode.Created);
        });

        await harness.Bulk.UploadAsync("750A", "Name\n"u8.ToArray(), ["a\n"u8.ToArray(), "\"b,c\"\n"u8.ToArray()], CancellationToken.None);

        Assert.That(bodies, Is.EqualTo(new[] { "Name\na\n\"b,c\"\n", "Name\na\n\"b,c\"\n" }));
    }

    [Test]
    public void An_unknown_job_state_is_a_clear_error()
    {
        using var harness = new ApiHarness();
        harness.Mock.When(HttpMethod.Get, TestOrg.Data + "/jobs/ingest/750A").Respond("application/json", """{"id":"750A","state":"Sleeping"}""");

        var error = Assert.ThrowsAsync<UnreadableAnswerException>(() => harness.Bulk.GetAsync("750A", CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("750A").And.Contain("'Sleeping'"));
    }

    [TestCase("")]
    [TestCase("""{"id":"750A","sta""")]
    public void An_empty_or_truncated_job_answer_is_a_clear_error(string body)
    {
        using var harness = new ApiHarness();
        harness.Mock.When(HttpMethod.Get, TestOrg.Data + "/jobs/ingest/750A").Respond("application/json", body);

        var error = Assert.ThrowsAsync<UnreadableAnswerException>(() => harness.Bulk.GetAsync("750A", CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("status of job 750A"));
    }

    [Test]
    public async Task Retries_wait_on_the_injected_clock_with_growing_capped_delays()
    {
        var clock = new SteppingClock();
        var options = TestOrg.FastOptions with { MaxRetries = 4, RetryBaseDelay = TimeSpan.FromSeconds(1), RetryMaxDelay = TimeSpan.FromSeconds(3) };
        using var harness = new ApiHarness(options, clock);
        harness.Mock.When(HttpMethod.Get, TestOrg.Data + "/jobs/ingest/750A")
            .Respond(FailThen(4, () => Status(HttpStatusCode.ServiceUnavailable), JobJson));

        await clock.RunAsync(harness.Bulk.GetAsync("750A", CancellationToken.None));

        Assert.That(clock.Waits, Has.Count.EqualTo(4));
        Assert.That(clock.Waits, Has.All.GreaterThan(TimeSpan.Zero).And.All.LessThanOrEqualTo(TimeSpan.FromSeconds(3)));
    }
}

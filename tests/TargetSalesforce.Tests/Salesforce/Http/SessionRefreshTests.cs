using System.Net;
using RichardSzalay.MockHttp;
using TargetSalesforce.Salesforce.Auth;
using TargetSalesforce.Salesforce.Http;

namespace TargetSalesforce.Tests.Salesforce.Http;

public class SessionRefreshTests
{
    [Test]
    public async Task Concurrent_requests_rejected_for_one_expired_session_share_one_refresh()
    {
        const int requests = 6;
        using var harness = new ApiHarness();
        var rejected = 0;
        var allRejected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var responder = new AsyncResponder(async request =>
            {
                if (TestOrg.Bearer(request) == "T1")
                {
                    // Hold every T1 request until all have been sent, so they all see the session expire together.
                    if (Interlocked.Increment(ref rejected) == requests)
                    {
                        allRejected.SetResult();
                    }

                    await allRejected.Task;
                    return TestOrg.InvalidSession();
                }

                return new HttpResponseMessage(HttpStatusCode.OK) { Content = TestOrg.Json($$"""{"id":"{{request.RequestUri!.Segments[^1]}}","state":"InProgress"}""") };
            });
        harness.Mock.When(TestOrg.Data + "/jobs/ingest/*").Respond(responder);

        var jobs = await Task.WhenAll(Enumerable.Range(0, requests).Select(i => harness.Bulk.GetAsync($"750J{i}", CancellationToken.None)));

        Assert.That(jobs.Select(j => j.Id), Is.EquivalentTo(Enumerable.Range(0, requests).Select(i => $"750J{i}")));
        Assert.That(harness.TokenCalls(), Is.EqualTo(2), "the first login and ONE refresh");
    }

    [Test]
    public async Task A_request_holding_an_older_session_replays_without_another_refresh()
    {
        using var harness = new ApiHarness();
        harness.Mock.When(TestOrg.Data + "/jobs/ingest/*")
            .Respond(request => TestOrg.Bearer(request) == "T2"
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = TestOrg.Json("""{"id":"750A","state":"Open"}""") }
                : TestOrg.InvalidSession());

        var stale = await harness.Sessions.GetAsync(CancellationToken.None);
        await harness.Sessions.RefreshAsync(stale, CancellationToken.None);
        var again = await harness.Sessions.RefreshAsync(stale, CancellationToken.None);
        var job = await harness.Bulk.GetAsync("750A", CancellationToken.None);

        Assert.That(again.AccessToken, Is.EqualTo("T2"));
        Assert.That(job.Id, Is.EqualTo("750A"));
        Assert.That(harness.TokenCalls(), Is.EqualTo(2));
    }

    [Test]
    public void A_refresh_that_fails_ends_with_salesforce_words_and_no_secret()
    {
        using var harness = new ApiHarness();
        var first = true;
        harness.Mock.Clear();
        harness.Mock.When(HttpMethod.Post, TestOrg.Login + "/services/oauth2/token").Respond(_ =>
        {
            if (first)
            {
                first = false;
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = TestOrg.Json(TestOrg.Token("T1")) };
            }

            return new HttpResponseMessage(HttpStatusCode.BadRequest)
            {
                Content = TestOrg.Json("""{"error":"invalid_grant","error_description":"expired access/refresh token"}"""),
            };
        });
        harness.Mock.When(TestOrg.Data + "/jobs/ingest/*").Respond(_ => TestOrg.InvalidSession());

        var error = Assert.ThrowsAsync<AuthenticationFailedException>(() => harness.Bulk.GetAsync("750A", CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("invalid_grant: expired access/refresh token"));
        Assert.That(error.Message, Does.Not.Contain(TestOrg.RefreshToken).And.Not.Contain("T1"));
    }

    [Test]
    public void A_session_rejected_again_after_its_replays_is_reported()
    {
        using var harness = new ApiHarness();
        harness.Mock.When(TestOrg.Data + "/jobs/ingest/*").Respond(_ => TestOrg.InvalidSession());

        var error = Assert.ThrowsAsync<SalesforceApiException>(() => harness.Bulk.GetAsync("750A", CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("INVALID_SESSION_ID").And.Contain("GET /services/data/v64.0/jobs/ingest/750A"));
        Assert.That(harness.TokenCalls(), Is.EqualTo(3), "the login and one refresh per replay");
    }
}

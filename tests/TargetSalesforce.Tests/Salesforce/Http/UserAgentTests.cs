using System.Net;
using RichardSzalay.MockHttp;
using TargetSalesforce.Cli;

namespace TargetSalesforce.Tests.Salesforce.Http;

/// <summary>The org (its API usage logs, the emulator's console) can tell which client made each call.</summary>
public class UserAgentTests
{
    [Test]
    public async Task Every_request_names_the_target_and_its_version()
    {
        using var harness = new ApiHarness();
        var agents = new List<string>();
        harness.Mock.When(HttpMethod.Get, TestOrg.Data + "/jobs/ingest/750A").Respond(request =>
        {
            agents.Add(request.Headers.UserAgent.ToString());
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = TestOrg.Json("""{"id":"750A","state":"Open"}""") };
        });

        await harness.Bulk.GetAsync("750A", CancellationToken.None);

        Assert.That(agents, Is.EqualTo(new[] { $"{ProductInfo.Name}/{ProductInfo.Version}" }));
    }
}

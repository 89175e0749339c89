using SalesforceEmulator.Faults;

namespace SalesforceEmulator.Tests.Faults;

public sealed class FaultPlanReaderTests
{
    [Test]
    public void ReadsEveryKindWithItsSettings()
    {
        var rules = FaultPlanReader.Read("""
            {"faults": [
              {"kind": "httpError", "status": 503, "route": "PUT /jobs/ingest/*/batches", "nth": 2},
              {"kind": "requestLimit", "limit": "daily", "share": 0.25},
              {"kind": "htmlBody"},
              {"kind": "emptyBody", "status": 204},
              {"kind": "latency", "milliseconds": 1500},
              {"kind": "dropConnection", "stage": "beforeRoute", "times": 2},
              {"kind": "sessionExpiry", "afterRequests": 5},
              {"kind": "lockRows", "share": 0.1, "times": 50},
              {"kind": "failJob", "object": "Account", "message": "boom"}
            ]}
            """, "test");

        Assert.That(rules.Select(r => r.Kind), Is.EqualTo(Enum.GetValues<FaultKind>()));
        Assert.That(rules[0].Status, Is.EqualTo(503));
        Assert.That(rules[0].Nth, Is.EqualTo(2));
        Assert.That(rules[0].Times, Is.EqualTo(1), "nth alone fires once");
        Assert.That(rules[1].Limit, Is.EqualTo("daily"));
        Assert.That(rules[1].Share, Is.EqualTo(0.25));
        Assert.That(rules[1].Times, Is.Null, "a share fires without end unless times is given");
        Assert.That(rules[2].Status, Is.EqualTo(200));
        Assert.That(rules[3].Status, Is.EqualTo(204));
        Assert.That(rules[4].Delay, Is.EqualTo(TimeSpan.FromMilliseconds(1500)));
        Assert.That(rules[5].BeforeRoute, Is.True);
        Assert.That(rules[5].Times, Is.EqualTo(2));
        Assert.That(rules[6].AfterRequests, Is.EqualTo(5));
        Assert.That(rules[7].Share, Is.EqualTo(0.1));
        Assert.That(rules[8].ObjectName, Is.EqualTo("Account"));
        Assert.That(rules[8].Message, Is.EqualTo("boom"));
    }

    [Test]
    public void AcceptsABareArray()
    {
        var rules = FaultPlanReader.Read("""[{"kind": "latency", "milliseconds": 10}]""", "test");

        Assert.That(rules, Has.Count.EqualTo(1));
    }

    [TestCase("""{"faults": [{"kind": "explode"}]}""", "test: faults[0].kind: 'explode' is not one of")]
    [TestCase("""{"faults": [{"status": 500}]}""", "test: faults[0].kind: required")]
    [TestCase("""{"faults": [{"kind": "latency", "milliseconds": 1}, {"kind": "httpError"}]}""", "test: faults[1].status: required")]
    [TestCase("""{"faults": [{"kind": "httpError", "status": 200}]}""", "test: faults[0].status: expected a whole number from 400 to 599")]
    [TestCase("""{"faults": [{"kind": "httpError", "status": 500, "share": 1.5}]}""", "test: faults[0].share: expected a number from 0 to 1")]
    [TestCase("""{"faults": [{"kind": "httpError", "status": 500, "tims": 3}]}""", "test: faults[0].tims: not a setting of httpError")]
    [TestCase("""{"faults": [{"kind": "httpError", "status": 500, "route": "jobs/ingest"}]}""", "test: faults[0].route: 'jobs/ingest' is not a route")]
    [TestCase("""{"faults": [{"kind": "sessionExpiry"}]}""", "test: faults[0]: sessionExpiry needs afterRequests or afterSeconds")]
    [TestCase("""{"faults": [{"kind": "lockRows", "route": "/x"}]}""", "test: faults[0].route: not a setting of lockRows")]
    [TestCase("""{"faults": [{"kind": "requestLimit", "limit": "hourly"}]}""", "test: faults[0].limit: 'hourly' is not one of concurrent, daily")]
    [TestCase("""{"faults": [{"kind": "latency", "milliseconds": "10"}]}""", "test: faults[0].milliseconds: expected a whole number")]
    [TestCase("""{"rules": []}""", "test: expected {\"faults\": [...]}")]
    [TestCase("""{"faults": [""", "test: not valid JSON")]
    public void MistakesAreNamedWithTheirPlace(string json, string message)
    {
        var error = Assert.Throws<FaultPlanException>(() => FaultPlanReader.Read(json, "test"));

        Assert.That(error!.Message, Does.StartWith(message));
    }

    [Test]
    public void MissingFileNamesThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json");

        var error = Assert.Throws<FaultPlanException>(() => FaultPlanReader.ReadFile(path));

        Assert.That(error!.Message, Does.StartWith(path));
    }

    [TestCase("PUT /jobs/ingest/*/batches", "PUT", "/services/data/v60.0/jobs/ingest/7500000001/batches", true)]
    [TestCase("PUT /jobs/ingest/*/batches", "put", "/services/data/v60.0/jobs/ingest/7500000001/batches", true)]
    [TestCase("PUT /jobs/ingest/*/batches", "GET", "/services/data/v60.0/jobs/ingest/7500000001/batches", false)]
    [TestCase("PUT /jobs/ingest/*/batches", "PUT", "/services/data/v60.0/jobs/ingest/7500000001", false)]
    [TestCase("GET /jobs/ingest/*", "GET", "/services/data/v60.0/jobs/ingest/7500000001", true)]
    [TestCase("GET /jobs/ingest/*", "GET", "/services/data/v60.0/jobs/ingest/7500000001/failedResults", false)]
    [TestCase("/services/oauth2/token", "POST", "/services/oauth2/token", true)]
    [TestCase("* /services/data/*/limits", "GET", "/services/data/v60.0/limits", true)]
    [TestCase("/a/b/c/d", "GET", "/b/c/d", false)]
    public void RoutesMatchTheEndOfThePath(string route, string method, string path, bool matches)
    {
        var matcher = RouteMatcher.Parse(route, out _)!;

        Assert.That(matcher.Matches(method, path), Is.EqualTo(matches));
    }
}

using System.Net;
using System.Text;
using System.Xml.Linq;
using SalesforceEmulator.Rest;
using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Rest;

/// <summary>The version range of a 2026 org: 31.0 to 68.0 served, older ones gone (410), newer ones unknown (404).</summary>
public sealed class ApiVersionTests : EmulatorFixture
{
    [TestCase("/services/data/v30.0/limits")]
    [TestCase("/services/data/v20.0/sobjects/Account/describe")]
    [TestCase("/services/data/v30.0/query?q=SELECT+Id+FROM+Account")]
    [TestCase("/services/data/v30.0/jobs/ingest")]
    [TestCase("/services/data/v25.0/no/such/resource")]
    public async Task A_retired_version_is_410_GONE(string path)
    {
        using var response = await Client.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Gone));
        Assert.That((await ReadJson(response))[0].GetProperty("errorCode").GetString(), Is.EqualTo("GONE"));
    }

    [TestCase("/services/data/v69.0/limits")]
    [TestCase("/services/data/v99.0/sobjects")]
    [TestCase("/services/data/v60.5/limits")]
    [TestCase("/services/data/v99.0/jobs/ingest")]
    public async Task A_version_above_the_newest_or_not_whole_is_404(string path)
    {
        using var response = await Client.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await ReadJson(response))[0].GetProperty("errorCode").GetString(), Is.EqualTo("NOT_FOUND"));
    }

    [TestCase("31.0")]
    [TestCase("68.0")]
    public async Task The_oldest_and_the_newest_version_answer(string version)
    {
        using var response = await Client.GetAsync($"/services/data/v{version}/limits");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Bulk_ingest_exists_from_41_only()
    {
        using var before = await PostJsonAsync("/services/data/v40.0/jobs/ingest", """{"object":"Account","operation":"insert"}""");
        using var from41 = await PostJsonAsync("/services/data/v41.0/jobs/ingest", """{"object":"Account","operation":"insert"}""");

        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(from41.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ReadJson(from41)).GetProperty("apiVersion").GetDouble(), Is.EqualTo(41.0));
    }

    [Test]
    public async Task A_job_created_at_an_unknown_version_is_refused_not_recorded()
    {
        using var response = await PostJsonAsync("/services/data/v99.0/jobs/ingest", """{"object":"Account","operation":"insert"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(Host.Jobs.All(), Is.Empty);
    }

    [TestCase("30.0")]
    [TestCase("20.0")]
    [TestCase("69.0")]
    public async Task Soap_login_at_a_version_the_org_does_not_serve_is_UNSUPPORTED_API_VERSION(string version)
    {
        const string envelope = "<se:Envelope xmlns:se=\"http://schemas.xmlsoap.org/soap/envelope/\"><se:Body>"
            + "<login xmlns=\"urn:partner.soap.sforce.com\"><username>admin@emulator.local</username><password>passwordtoken</password></login>"
            + "</se:Body></se:Envelope>";
        using var body = new StringContent(envelope, Encoding.UTF8, "text/xml");
        using var response = await Client.PostAsync($"/services/Soap/u/{version}", body);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(document.Descendants("faultcode").Single().Value, Is.EqualTo("sf:UNSUPPORTED_API_VERSION"));
    }

    [TestCase(31, "Summer '14")]
    [TestCase(32, "Winter '15")]
    [TestCase(30, "Spring '14")]
    [TestCase(20, "Winter '11")]
    [TestCase(66, "Spring '26")]
    [TestCase(67, "Summer '26")]
    [TestCase(68, "Winter '27")]
    public void Release_labels_follow_the_three_releases_a_year(int major, string label)
    {
        Assert.That(ApiVersionRange.Label(major), Is.EqualTo(label));
    }

    [TestCase("31.0-68.0", 31, 68)]
    [TestCase("41-60", 41, 60)]
    public void A_range_reads_from_MIN_MAX(string text, int oldest, int newest)
    {
        Assert.That(ApiVersionRange.TryParse(text, out var range), Is.True);
        Assert.That(range, Is.EqualTo(new ApiVersionRange(oldest, newest)));
    }

    [TestCase("68.0-31.0")]
    [TestCase("31.5-68.0")]
    [TestCase("68.0")]
    [TestCase("a-b")]
    public void A_range_that_is_not_MIN_MAX_is_refused(string text)
    {
        Assert.That(ApiVersionRange.TryParse(text, out _), Is.False);
    }
}

/// <summary>An emulator started with --api-versions 45.0-60.0 serves exactly that range.</summary>
public sealed class ConfiguredApiVersionTests : EmulatorFixture
{
    protected override EmulatorOptions CreateOptions() => new() { ApiVersions = new ApiVersionRange(45, 60) };

    [Test]
    public async Task The_list_and_the_answers_follow_the_configured_range()
    {
        var versions = await GetJson("/services/data");
        using var retired = await Client.GetAsync("/services/data/v44.0/limits");
        using var unknown = await Client.GetAsync("/services/data/v61.0/limits");

        Assert.That(versions.EnumerateArray().Select(v => v.GetProperty("version").GetString()).First(), Is.EqualTo("45.0"));
        Assert.That(versions.EnumerateArray().Select(v => v.GetProperty("version").GetString()).Last(), Is.EqualTo("60.0"));
        Assert.That(retired.StatusCode, Is.EqualTo(HttpStatusCode.Gone));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}

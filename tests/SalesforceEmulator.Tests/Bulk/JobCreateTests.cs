using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Bulk;

/// <summary>Job creation beyond the basic JSON body: an assignment rule, and the multipart create that carries the data too.</summary>
public sealed class JobCreateTests : EmulatorFixture
{
    [Test]
    public async Task AssignmentRuleId_is_echoed_on_create_and_in_the_job_info()
    {
        using var response = await PostJsonAsync($"{V}/jobs/ingest", """{"object":"Lead","operation":"insert","assignmentRuleId":"01Q000000000001"}""");
        var created = await ReadJson(response);
        var info = await GetJson($"{V}/jobs/ingest/{created.GetProperty("id").GetString()}");

        Assert.That(created.GetProperty("assignmentRuleId").GetString(), Is.EqualTo("01Q000000000001EAA"));
        Assert.That(info.GetProperty("assignmentRuleId").GetString(), Is.EqualTo("01Q000000000001EAA"));
    }

    [Test]
    public async Task A_malformed_assignmentRuleId_is_refused()
    {
        using var response = await PostJsonAsync($"{V}/jobs/ingest", """{"object":"Lead","operation":"insert","assignmentRuleId":"rule-7"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ReadJson(response))[0].GetProperty("errorCode").GetString(), Is.EqualTo("INVALIDJOB"));
    }

    [SuppressMessage("Reliability", "CA2000", Justification = "The parts belong to the multipart content, which disposes them with itself.")]
    private static MultipartFormDataContent Multipart(string jobJson, string csv)
    {
        var job = new StringContent(jobJson, Encoding.UTF8);
        job.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent("BOUNDARY") { { job, "job" }, { content, "content", "content" } };
    }

    [Test]
    public async Task A_multipart_create_carries_the_data_and_starts_UploadComplete()
    {
        using var body = Multipart("""{"object":"Contact","contentType":"CSV","operation":"insert","lineEnding":"LF"}""",
            "FirstName,LastName\nAstro,Nomical\nHootie,McOwl\n");
        using var response = await Client.PostAsync($"{V}/jobs/ingest/", body);
        var created = await ReadJson(response);
        var id = created.GetProperty("id").GetString()!;
        await WaitForEndAsync(id);
        var info = await GetJson($"{V}/jobs/ingest/{id}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(created.GetProperty("state").GetString(), Is.EqualTo("UploadComplete"));
        Assert.That(created.TryGetProperty("contentUrl", out _), Is.False, "there is nothing left to upload");
        Assert.That(info.GetProperty("state").GetString(), Is.EqualTo("JobComplete"));
        Assert.That(info.GetProperty("numberRecordsProcessed").GetInt32(), Is.EqualTo(2));
        Assert.That((await QueryAsync("SELECT LastName FROM Contact")).Select(r => r["LastName"].GetString()),
            Is.EquivalentTo(new[] { "Nomical", "McOwl" }));
    }

    [Test]
    public async Task A_multipart_create_over_100000_characters_is_refused()
    {
        var csv = "LastName\n" + string.Join("\n", Enumerable.Repeat(new string('x', 999), 101)) + "\n";

        using var body = Multipart("""{"object":"Contact","operation":"insert"}""", csv);
        using var response = await Client.PostAsync($"{V}/jobs/ingest", body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Host.Jobs.All(), Is.Empty);
    }

    [Test]
    public async Task A_multipart_create_without_its_data_part_is_refused()
    {
        using var job = new StringContent("""{"object":"Contact","operation":"insert"}""", Encoding.UTF8, "application/json");
        using var body = new MultipartFormDataContent { { job, "job" } };
        using var response = await Client.PostAsync($"{V}/jobs/ingest", body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ReadJson(response))[0].GetProperty("errorCode").GetString(), Is.EqualTo("INVALIDJOB"));
    }
}

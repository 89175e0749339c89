using System.Net;
using System.Text.Json;

namespace SalesforceEmulator.Tests.Rows;

/// <summary>
/// Assignment rules: a Bulk job's assignmentRuleId must be an AssignmentRule id and is shown by job info and
/// /__emulator/stats; the REST header Sforce-Auto-Assign (TRUE, FALSE or a rule id) is taken on record writes and
/// counted there too. The emulator runs no rules: the records keep the owner they were given.
/// </summary>
public sealed class AssignmentRuleTests : RowRulesFixture
{
    [SetUp]
    public async Task ResetStats()
    {
        using var reset = await Client.PostAsync("/__emulator/reset", null);
        Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    private async Task<JsonElement> AssignmentStats() => (await GetJson("/__emulator/stats")).GetProperty("assignmentRules");

    [Test]
    public async Task A_lead_job_with_a_rule_keeps_it_in_job_info_and_stats_and_loads_its_rows()
    {
        using var create = await PostJsonAsync($"{V}/jobs/ingest", $$"""{"object":"Lead","operation":"insert","assignmentRuleId":"{{LeadRule[..15]}}"}""");
        var job = await ReadJson(create);
        Assert.That(create.StatusCode, Is.EqualTo(HttpStatusCode.OK), job.ToString());
        var id = job.GetProperty("id").GetString()!;
        using (var upload = await UploadAsync(id, $"LastName,Company,OwnerId\nRoe,Roe Ltd,{SupportQueue}\n"))
            Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        using (var close = await PatchStateAsync(id, "UploadComplete"))
            Assert.That(close.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await WaitForEndAsync(id);

        var info = await GetJson($"{V}/jobs/ingest/{id}");
        Assert.That(info.GetProperty("assignmentRuleId").GetString(), Is.EqualTo(LeadRule));
        Assert.That(info.GetProperty("numberRecordsFailed").GetInt64(), Is.Zero);
        var jobs = (await AssignmentStats()).GetProperty("jobs");
        Assert.That(jobs.GetArrayLength(), Is.EqualTo(1));
        Assert.That(jobs[0].GetProperty("id").GetString(), Is.EqualTo(id));
        Assert.That(jobs[0].GetProperty("object").GetString(), Is.EqualTo("Lead"));
        Assert.That(jobs[0].GetProperty("assignmentRuleId").GetString(), Is.EqualTo(LeadRule));
        Assert.That((await QueryAsync("SELECT OwnerId FROM Lead"))[0]["OwnerId"].GetString(), Is.EqualTo(SupportQueue), "no rule runs");
    }

    [TestCase("005000000000001AAA")]
    [TestCase("rule-7")]
    public async Task An_assignmentRuleId_that_is_not_an_assignment_rule_is_refused(string rule)
    {
        using var response = await PostJsonAsync($"{V}/jobs/ingest", $$"""{"object":"Case","operation":"insert","assignmentRuleId":"{{rule}}"}""");
        var body = await ReadJson(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body[0].GetProperty("errorCode").GetString(), Is.EqualTo("INVALIDJOB"));
        Assert.That(body[0].GetProperty("message").GetString(), Does.Contain($"assignmentRuleId: {rule}"));
        Assert.That((await AssignmentStats()).GetProperty("jobs").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task The_REST_header_is_taken_on_writes_and_counted_by_object_and_value()
    {
        foreach (var value in new[] { "FALSE", "true", LeadRule[..15] })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{V}/sobjects/Lead") { Content = Json("""{"LastName":"Roe","Company":"Roe Ltd"}""") };
            request.Headers.Add("Sforce-Auto-Assign", value);
            using var response = await Client.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), value);
        }
        using (var collection = new HttpRequestMessage(HttpMethod.Post, $"{V}/composite/sobjects")
        {
            Content = Json("""{"allOrNone":false,"records":[{"attributes":{"type":"Case"},"Subject":"Help"}]}"""),
        })
        {
            collection.Headers.Add("Sforce-Auto-Assign", "FALSE");
            using var response = await Client.SendAsync(collection);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var rest = (await AssignmentStats()).GetProperty("rest").EnumerateArray()
            .Select(use => (use.GetProperty("target").GetString(), use.GetProperty("sforceAutoAssign").GetString(), use.GetProperty("requests").GetInt64()));
        Assert.That(rest, Is.EqualTo(new[]
        {
            ("Lead", LeadRule, 1L), ("Lead", "FALSE", 1L), ("Lead", "TRUE", 1L), ("composite/sobjects", "FALSE", 1L),
        }.OrderBy(u => u.Item1, StringComparer.Ordinal).ThenBy(u => u.Item2, StringComparer.Ordinal)));
        Assert.That(await QueryAsync("SELECT Id FROM Lead"), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task A_header_value_that_is_neither_a_flag_nor_a_rule_id_refuses_the_write()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{V}/sobjects/Lead") { Content = Json("""{"LastName":"Roe","Company":"Roe Ltd"}""") };
        request.Headers.Add("Sforce-Auto-Assign", SalesUser);
        using var response = await Client.SendAsync(request);
        var body = await ReadJson(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body[0].GetProperty("errorCode").GetString(), Is.EqualTo("MALFORMED_ID"));
        Assert.That(body[0].GetProperty("message").GetString(), Does.Contain(SalesUser));
        Assert.That(await QueryAsync("SELECT Id FROM Lead"), Is.Empty);
        Assert.That((await AssignmentStats()).GetProperty("rest").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Reads_ignore_the_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{V}/query?q=SELECT+Id+FROM+Lead");
        request.Headers.Add("Sforce-Auto-Assign", "banana");
        using var response = await Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await AssignmentStats()).GetProperty("rest").GetArrayLength(), Is.Zero);
    }
}

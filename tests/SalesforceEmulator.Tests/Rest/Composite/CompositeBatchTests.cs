using System.Net;
using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Rest.Composite;

/// <summary>POST /composite/batch: independent subrequests, each committed alone; haltOnError stops after a failure.</summary>
public sealed class CompositeBatchTests : EmulatorFixture
{
    [Test]
    public async Task Each_subrequest_answers_in_order_and_failures_set_hasErrors()
    {
        using var response = await PostJsonAsync($"{V}/composite/batch", """
            {"batchRequests": [
              {"method": "POST", "url": "v60.0/sobjects/Account", "richInput": {"Name": "One"}},
              {"method": "POST", "url": "v60.0/sobjects/Account", "richInput": {"Phone": "no name"}},
              {"method": "GET", "url": "v60.0/query?q=SELECT+Name+FROM+Account"}
            ]}
            """);
        var batch = await ReadJson(response);
        var results = batch.GetProperty("results");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(batch.GetProperty("hasErrors").GetBoolean(), Is.True);
        Assert.That(results[0].GetProperty("statusCode").GetInt32(), Is.EqualTo(201));
        Assert.That(results[1].GetProperty("statusCode").GetInt32(), Is.EqualTo(400));
        Assert.That(results[1].GetProperty("result")[0].GetProperty("errorCode").GetString(), Is.EqualTo("REQUIRED_FIELD_MISSING"));
        Assert.That(results[2].GetProperty("result").GetProperty("totalSize").GetInt32(), Is.EqualTo(1), "the first write stays committed");
    }

    [Test]
    public async Task HaltOnError_answers_412_for_what_follows_a_failure()
    {
        using var response = await PostJsonAsync($"{V}/composite/batch", """
            {"haltOnError": true, "batchRequests": [
              {"method": "PATCH", "url": "v60.0/sobjects/Account/001000000000999AAA", "richInput": {"Name": "X"}},
              {"method": "POST", "url": "v60.0/sobjects/Account", "richInput": {"Name": "Never"}}
            ]}
            """);
        var results = (await ReadJson(response)).GetProperty("results");

        Assert.That(results[0].GetProperty("statusCode").GetInt32(), Is.EqualTo(404));
        Assert.That(results[1].GetProperty("statusCode").GetInt32(), Is.EqualTo(412));
        Assert.That(results[1].GetProperty("result")[0].GetProperty("errorCode").GetString(), Is.EqualTo("BATCH_PROCESSING_HALTED"));
        Assert.That(await QueryAsync("SELECT Id FROM Account"), Is.Empty);
    }

    [Test]
    public async Task An_update_answers_204_with_a_null_result()
    {
        var run = await RunJobAsync("Account", "insert", "Name\nA\n");
        Assert.That(run.Failed, Is.Zero);
        var id = (await QueryAsync("SELECT Id FROM Account"))[0]["Id"].GetString();

        using var response = await PostJsonAsync($"{V}/composite/batch", $$$"""
            {"batchRequests": [{"method": "PATCH", "url": "v60.0/sobjects/Account/{{{id}}}", "richInput": {"Name": "B"}}]}
            """);
        var result = (await ReadJson(response)).GetProperty("results")[0];

        Assert.That(result.GetProperty("statusCode").GetInt32(), Is.EqualTo(204));
        Assert.That(result.GetProperty("result").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
    }

    [TestCase("""{"batchRequests": []}""")]
    [TestCase("""{"batchRequests": [{"method": "GET"}]}""")]
    [TestCase("""{"batchRequests": [{"method": "GET", "url": "sobjects/Account"}]}""")]
    public async Task A_malformed_batch_is_400(string json)
    {
        using var response = await PostJsonAsync($"{V}/composite/batch", json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}

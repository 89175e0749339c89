using System.Net;
using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Rest.Composite;

/// <summary>POST /composite: subrequests in order, references between them, allOrNone.</summary>
public sealed class CompositeTests : EmulatorFixture
{
    private async Task<System.Text.Json.JsonElement> CompositeAsync(string json)
    {
        using var response = await PostJsonAsync($"{V}/composite", json);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return (await ReadJson(response)).GetProperty("compositeResponse");
    }

    [Test]
    public async Task Subrequests_run_in_order_and_reference_earlier_answers()
    {
        var answers = await CompositeAsync("""
            {"allOrNone": false, "compositeRequest": [
              {"method": "POST", "url": "/services/data/v60.0/sobjects/Account", "referenceId": "NewAccount", "body": {"Name": "Parent"}},
              {"method": "POST", "url": "/services/data/v60.0/sobjects/Contact", "referenceId": "NewContact",
               "body": {"LastName": "Kid", "AccountId": "@{NewAccount.id}"}},
              {"method": "GET", "url": "/services/data/v60.0/sobjects/Contact/@{NewContact.id}?fields=AccountId", "referenceId": "ReadBack"},
              {"method": "GET", "url": "/services/data/v60.0/query?q=SELECT+Id+FROM+Contact+WHERE+LastName+%3D+%27Kid%27", "referenceId": "Found"}
            ]}
            """);

        Assert.That(answers.GetArrayLength(), Is.EqualTo(4));
        Assert.That(answers[0].EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "body", "httpHeaders", "httpStatusCode", "referenceId" }));
        Assert.That(answers[0].GetProperty("httpStatusCode").GetInt32(), Is.EqualTo(201));
        Assert.That(answers[0].GetProperty("httpHeaders").GetProperty("Location").GetString(), Does.StartWith("/services/data/v60.0/sobjects/Account/001"));
        var accountId = answers[0].GetProperty("body").GetProperty("id").GetString();
        Assert.That(answers[2].GetProperty("body").GetProperty("AccountId").GetString(), Is.EqualTo(accountId));
        Assert.That(answers[3].GetProperty("body").GetProperty("totalSize").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task Without_allOrNone_a_failure_skips_only_what_depends_on_it()
    {
        var answers = await CompositeAsync("""
            {"compositeRequest": [
              {"method": "POST", "url": "/services/data/v60.0/sobjects/Account", "referenceId": "Bad", "body": {"Phone": "1"}},
              {"method": "POST", "url": "/services/data/v60.0/sobjects/Contact", "referenceId": "Dependent", "body": {"LastName": "X", "AccountId": "@{Bad.id}"}},
              {"method": "POST", "url": "/services/data/v60.0/sobjects/Account", "referenceId": "Independent", "body": {"Name": "Fine"}}
            ]}
            """);

        Assert.That(answers[0].GetProperty("httpStatusCode").GetInt32(), Is.EqualTo(400));
        Assert.That(answers[0].GetProperty("body")[0].GetProperty("errorCode").GetString(), Is.EqualTo("REQUIRED_FIELD_MISSING"));
        Assert.That(answers[1].GetProperty("httpStatusCode").GetInt32(), Is.EqualTo(400));
        Assert.That(answers[1].GetProperty("body")[0].GetProperty("errorCode").GetString(), Is.EqualTo("PROCESSING_HALTED"));
        Assert.That(answers[2].GetProperty("httpStatusCode").GetInt32(), Is.EqualTo(201));
        Assert.That((await QueryAsync("SELECT Name FROM Account")).Select(r => r["Name"].GetString()), Is.EqualTo(new[] { "Fine" }));
    }

    [Test]
    public async Task With_allOrNone_a_failure_rolls_every_write_back()
    {
        var existing = await RunJobAsync("Account", "insert", "Name,External_Id__c\nKeep,K-1\nDoomed,D-1\n");
        Assert.That(existing.Failed, Is.Zero);
        var doomed = (await QueryAsync("SELECT Id FROM Account WHERE Name = 'Doomed'"))[0]["Id"].GetString();

        var answers = await CompositeAsync($$$"""
            {"allOrNone": true, "compositeRequest": [
              {"method": "POST", "url": "/services/data/v60.0/sobjects/Account", "referenceId": "Created", "body": {"Name": "New"}},
              {"method": "PATCH", "url": "/services/data/v60.0/sobjects/Account/External_Id__c/K-1", "referenceId": "Updated", "body": {"Name": "Changed"}},
              {"method": "DELETE", "url": "/services/data/v60.0/sobjects/Account/{{{doomed}}}", "referenceId": "Deleted"},
              {"method": "POST", "url": "/services/data/v60.0/sobjects/Contact", "referenceId": "Fails", "body": {"FirstName": "NoLastName"}},
              {"method": "POST", "url": "/services/data/v60.0/sobjects/Account", "referenceId": "NeverRuns", "body": {"Name": "Later"}}
            ]}
            """);

        Assert.That(answers[3].GetProperty("body")[0].GetProperty("errorCode").GetString(), Is.EqualTo("REQUIRED_FIELD_MISSING"));
        foreach (var i in new[] { 0, 1, 2, 4 })
        {
            Assert.That(answers[i].GetProperty("httpStatusCode").GetInt32(), Is.EqualTo(400));
            Assert.That(answers[i].GetProperty("body")[0].GetProperty("errorCode").GetString(), Is.EqualTo("PROCESSING_HALTED"));
        }
        Assert.That((await QueryAsync("SELECT Name FROM Account ORDER BY Name")).Select(r => r["Name"].GetString()),
            Is.EqualTo(new[] { "Doomed", "Keep" }), "the insert is removed, the update undone and the delete restored");
        var restored = await GetJson($"{V}/sobjects/Account/External_Id__c/D-1");
        Assert.That(restored.GetProperty("Id").GetString(), Is.EqualTo(doomed), "the restored record is found by its external id again");
    }

    [TestCase("""{"compositeRequest": []}""")]
    [TestCase("""{"compositeRequest": [{"method": "GET", "url": "/services/data/v60.0/limits"}]}""")]
    [TestCase("""{"compositeRequest": [{"method": "FETCH", "url": "/services/data/v60.0/limits", "referenceId": "a"}]}""")]
    [TestCase("""{"compositeRequest": [{"method": "GET", "url": "/services/data/v60.0/limits", "referenceId": "a"}, {"method": "GET", "url": "/services/data/v60.0/limits", "referenceId": "a"}]}""")]
    public async Task A_malformed_request_is_400_and_runs_nothing(string json)
    {
        using var response = await PostJsonAsync($"{V}/composite", json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task More_than_25_subrequests_are_refused()
    {
        var subrequests = string.Join(",", Enumerable.Range(1, 26).Select(i =>
            $$"""{"method": "GET", "url": "/services/data/v60.0/sobjects/Account", "referenceId": "r{{i}}"}"""));

        using var response = await PostJsonAsync($"{V}/composite", $$"""{"compositeRequest": [{{subrequests}}]}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task The_composite_list_names_its_resources()
    {
        var list = await GetJson($"{V}/composite");

        Assert.That(list.GetProperty("tree").GetString(), Is.EqualTo("/services/data/v60.0/composite/tree"));
        Assert.That(list.GetProperty("batch").GetString(), Is.EqualTo("/services/data/v60.0/composite/batch"));
    }
}

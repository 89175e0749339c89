using System.Net;
using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Rest.Composite;

/// <summary>POST /composite/tree/{Object} (sf data import tree): record trees created all or nothing.</summary>
public sealed class SObjectTreeTests : EmulatorFixture
{
    private const string Tree = """
        {"records": [
          {"attributes": {"type": "Account", "referenceId": "ref1"}, "name": "SampleAccount", "phone": "1234567890",
           "Contacts": {"records": [
             {"attributes": {"type": "Contact", "referenceId": "ref2"}, "lastname": "Smith", "email": "sample@salesforce.com"},
             {"attributes": {"type": "Contact", "referenceId": "ref3"}, "lastname": "Evans"}]},
           "Opportunities": {"records": [
             {"attributes": {"type": "Opportunity", "referenceId": "ref5"}, "Name": "Deal", "StageName": "Prospecting", "CloseDate": "2026-12-31"}]}},
          {"attributes": {"type": "Account", "referenceId": "ref4"}, "name": "SampleAccount2"}
        ]}
        """;

    [Test]
    public async Task A_tree_is_created_roots_first_with_children_linked_to_their_parent()
    {
        using var response = await PostJsonAsync($"{V}/composite/tree/Account", Tree);
        var answer = await ReadJson(response);
        var results = answer.GetProperty("results").EnumerateArray()
            .ToDictionary(r => r.GetProperty("referenceId").GetString()!, r => r.GetProperty("id").GetString()!);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(answer.GetProperty("hasErrors").GetBoolean(), Is.False);
        Assert.That(answer.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("referenceId").GetString()),
            Is.EqualTo(new[] { "ref1", "ref4", "ref2", "ref3", "ref5" }));
        var smith = await GetJson($"{V}/sobjects/Contact/{results["ref2"]}");
        var deal = await GetJson($"{V}/sobjects/Opportunity/{results["ref5"]}");
        Assert.That(smith.GetProperty("AccountId").GetString(), Is.EqualTo(results["ref1"]));
        Assert.That(deal.GetProperty("AccountId").GetString(), Is.EqualTo(results["ref1"]));
        Assert.That(smith.GetProperty("Email").GetString(), Is.EqualTo("sample@salesforce.com"));
    }

    [Test]
    public async Task A_failing_record_creates_nothing_and_is_named_alone()
    {
        var bad = Tree.Replace("\"lastname\": \"Evans\"", "\"lastname\": \"Evans\", \"email\": \"123\"", StringComparison.Ordinal);

        using var response = await PostJsonAsync($"{V}/composite/tree/Account", bad);
        var answer = await ReadJson(response);
        var result = answer.GetProperty("results")[0];

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(answer.GetProperty("hasErrors").GetBoolean(), Is.True);
        Assert.That(answer.GetProperty("results").GetArrayLength(), Is.EqualTo(1));
        Assert.That(result.GetProperty("referenceId").GetString(), Is.EqualTo("ref3"));
        Assert.That(result.GetProperty("errors")[0].GetProperty("statusCode").GetString(), Is.EqualTo("INVALID_EMAIL_ADDRESS"));
        Assert.That(result.GetProperty("errors")[0].GetProperty("fields")[0].GetString(), Is.EqualTo("Email"));
        Assert.That(await QueryAsync("SELECT Id FROM Account"), Is.Empty);
        Assert.That(await QueryAsync("SELECT Id FROM Contact"), Is.Empty);
    }

    [Test]
    public async Task Duplicate_reference_ids_are_each_named()
    {
        using var response = await PostJsonAsync($"{V}/composite/tree/Account", """
            {"records": [
              {"attributes": {"type": "Account", "referenceId": "same"}, "Name": "A"},
              {"attributes": {"type": "Account", "referenceId": "same"}, "Name": "B"}]}
            """);
        var answer = await ReadJson(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(answer.GetProperty("results").GetArrayLength(), Is.EqualTo(2));
        Assert.That(answer.GetProperty("results")[0].GetProperty("errors")[0].GetProperty("statusCode").GetString(), Is.EqualTo("INVALID_INPUT"));
        Assert.That(await QueryAsync("SELECT Id FROM Account"), Is.Empty);
    }

    [Test]
    public async Task A_root_of_another_type_or_over_200_records_is_refused()
    {
        using var wrongType = await PostJsonAsync($"{V}/composite/tree/Account", """
            {"records": [{"attributes": {"type": "Contact", "referenceId": "c"}, "LastName": "A"}]}
            """);
        var many = string.Join(",", Enumerable.Range(1, 201).Select(i => $$"""{"attributes": {"type": "Account", "referenceId": "r{{i}}"}, "Name": "A{{i}}"}"""));
        using var tooMany = await PostJsonAsync($"{V}/composite/tree/Account", $$"""{"records": [{{many}}]}""");

        Assert.That(wrongType.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(tooMany.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await QueryAsync("SELECT Id FROM Account"), Is.Empty);
    }
}

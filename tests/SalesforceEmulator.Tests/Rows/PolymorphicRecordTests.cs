using System.Net;
using System.Text.Json;

namespace SalesforceEmulator.Tests.Rows;

/// <summary>
/// Polymorphic references written through REST: a nested parent that names its type in attributes
/// (<c>"What": {"attributes": {"type": "Account"}, "External_Id__c": "A-1"}</c>) on single records, sObject Collections
/// and composite subrequests, judged by the same rules as a Bulk row.
/// </summary>
public sealed class PolymorphicRecordTests : RowRulesFixture
{
    private string accountId = "";
    private string opportunityId = "";

    [SetUp]
    public async Task SeedParents()
    {
        accountId = await CreateAsync("Account", """{"Name":"Acme","External_Id__c":"A-1"}""");
        opportunityId = await CreateAsync("Opportunity", """{"Name":"Big deal","External_Id__c":"O-1"}""");
    }

    private async Task<string> CreateAsync(string objectName, string json)
    {
        using var response = await PostJsonAsync($"{V}/sobjects/{objectName}", json);
        var body = await ReadJson(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        return body.GetProperty("id").GetString()!;
    }

    private static string What(string type, string key) => $$"""{"attributes":{"type":"{{type}}"},"External_Id__c":"{{key}}"}""";

    private async Task<string?> WhatIdOf(string taskId) =>
        (await GetJson($"{V}/sobjects/Task/{taskId}?fields=WhatId")).GetProperty("WhatId").GetString();

    [Test]
    public async Task A_single_record_points_at_the_parent_of_the_type_it_names()
    {
        var call = await CreateAsync("Task", $$"""{"Subject":"Call","What":{{What("Account", "A-1")}}}""");
        var demo = await CreateAsync("Task", $$"""{"Subject":"Demo","What":{{What("Opportunity", "O-1")}}}""");

        Assert.That(await WhatIdOf(call), Is.EqualTo(accountId));
        Assert.That(await WhatIdOf(demo), Is.EqualTo(opportunityId));
    }

    [TestCase("""{"Subject":"x","What":{"External_Id__c":"A-1"}}""", "INVALID_FIELD", "type is needed for polymorphic foreign key references: What")]
    [TestCase("""{"Subject":"x","What":{"attributes":{"type":"Contact"},"External_Id__c":"A-1"}}""", "INVALID_FIELD",
        "Contact is not a valid type for the polymorphic foreign key reference What (it may point to Account, Opportunity, Case)")]
    [TestCase("""{"Subject":"x","What":{"attributes":{"type":"Account"},"External_Id__c":"A-9"}}""", "INVALID_FIELD",
        "Foreign key external ID: A-9 not found for field External_Id__c in entity Account")]
    public async Task A_wrong_type_or_a_missing_parent_is_a_400_naming_it(string json, string code, string message)
    {
        using var response = await PostJsonAsync($"{V}/sobjects/Task", json);
        var body = await ReadJson(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body.ToString());
        Assert.That(body[0].GetProperty("errorCode").GetString(), Is.EqualTo(code));
        Assert.That(body[0].GetProperty("message").GetString(), Is.EqualTo(message));
        Assert.That(await QueryAsync("SELECT Id FROM Task"), Is.Empty);
    }

    [Test]
    public async Task An_id_of_a_type_the_reference_cannot_take_is_refused_on_update()
    {
        var task = await CreateAsync("Task", """{"Subject":"Call"}""");

        using var patch = Json($$"""{"WhoId":"{{accountId}}"}""");
        using var response = await Client.PatchAsync($"{V}/sobjects/Task/{task}", patch);
        var body = await ReadJson(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body[0].GetProperty("errorCode").GetString(), Is.EqualTo("FIELD_INTEGRITY_EXCEPTION"));
        Assert.That(body[0].GetProperty("fields")[0].GetString(), Is.EqualTo("WhoId"));
    }

    [Test]
    public async Task Collections_take_records_of_several_parent_types_in_one_call()
    {
        using var response = await PostJsonAsync($"{V}/composite/sobjects", $$"""
            {"allOrNone":false,"records":[
              {"attributes":{"type":"Task"},"Subject":"Call","What":{{What("Account", "A-1")}}},
              {"attributes":{"type":"Task"},"Subject":"Demo","What":{{What("Opportunity", "O-1")}}},
              {"attributes":{"type":"Task"},"Subject":"Bad","What":{{What("Lead", "L-1")}}}]}
            """);
        var body = await ReadJson(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(await WhatIdOf(body[0].GetProperty("id").GetString()!), Is.EqualTo(accountId));
        Assert.That(await WhatIdOf(body[1].GetProperty("id").GetString()!), Is.EqualTo(opportunityId));
        Assert.That(body[2].GetProperty("success").GetBoolean(), Is.False);
        Assert.That(body[2].GetProperty("errors")[0].GetProperty("statusCode").GetString(), Is.EqualTo("INVALID_FIELD"));
    }

    [Test]
    public async Task A_composite_subrequest_writes_a_typed_parent_too()
    {
        var subrequest = $$"""{"method":"POST","url":"{{V}}/sobjects/Task","referenceId":"task","body":{"Subject":"Call","What":{{What("Opportunity", "O-1")}} } }""";
        using var response = await PostJsonAsync($"{V}/composite", $$"""{"compositeRequest":[{{subrequest}}]}""");
        var body = await ReadJson(response);

        var result = body.GetProperty("compositeResponse")[0];
        Assert.That(result.GetProperty("httpStatusCode").GetInt32(), Is.EqualTo(201), body.ToString());
        Assert.That(await WhatIdOf(result.GetProperty("body").GetProperty("id").GetString()!), Is.EqualTo(opportunityId));
    }

    [Test]
    public async Task Describe_marks_references_with_several_targets_as_polymorphic()
    {
        var task = await GetJson($"{V}/sobjects/Task/describe");
        var contact = await GetJson($"{V}/sobjects/Contact/describe");
        JsonElement Field(JsonElement describe, string name) => describe.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == name);

        var what = Field(task, "WhatId");
        Assert.That(what.GetProperty("polymorphicForeignKey").GetBoolean(), Is.True);
        Assert.That(what.GetProperty("namePointing").GetBoolean(), Is.True);
        Assert.That(what.GetProperty("referenceTo").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "Account", "Opportunity", "Case" }));
        Assert.That(Field(contact, "AccountId").GetProperty("polymorphicForeignKey").GetBoolean(), Is.False);
    }
}

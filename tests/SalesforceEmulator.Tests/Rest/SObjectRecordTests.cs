using System.Net;
using System.Text.Json;
using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Rest;

/// <summary>Single-record sObject REST: the real status codes and bodies, and the same row rules as Bulk.</summary>
public sealed class SObjectRecordTests : EmulatorFixture
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = json is null ? null : Json(json) };
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<string> CreateAccountAsync(string json)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, $"{V}/sobjects/Account", json);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        return body.GetProperty("id").GetString()!;
    }

    [Test]
    public async Task Create_answers_201_with_the_id_and_stores_the_values()
    {
        using var response = await PostJsonAsync($"{V}/sobjects/Account", """{"Name":"Acme","NumberOfEmployees":"12","AnnualRevenue":1500.5,"attributes":{"type":"Account"}}""");
        var body = await ReadJson(response);
        var id = body.GetProperty("id").GetString()!;
        var record = await GetJson($"{V}/sobjects/Account/{id}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(body.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "id", "success", "errors" }));
        Assert.That(body.GetProperty("success").GetBoolean(), Is.True);
        Assert.That(id, Does.Match("^001[0-9A-Za-z]{15}$"));
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/services/data/v60.0/sobjects/Account/{id}"));
        Assert.That(record.GetProperty("Name").GetString(), Is.EqualTo("Acme"));
        Assert.That(record.GetProperty("NumberOfEmployees").GetInt32(), Is.EqualTo(12));
        Assert.That(record.GetProperty("AnnualRevenue").GetDouble(), Is.EqualTo(1501), "rounded to the field's scale, as Bulk stores it");
    }

    [TestCase("""{"Phone":"1"}""", "REQUIRED_FIELD_MISSING", "Required fields are missing: [Name]", "Name")]
    [TestCase("""{"Name":"A","Bogus__c":1}""", "INVALID_FIELD", "No such column 'Bogus__c' on sobject of type Account", null)]
    [TestCase("""{"Name":"A","CreatedDate":"2024-01-01T00:00:00Z"}""", "INVALID_FIELD_FOR_INSERT_UPDATE", null, "CreatedDate")]
    [TestCase("""{"Name":"A","NumberOfEmployees":"many"}""", "JSON_PARSER_ERROR", null, null)]
    [TestCase("""{"Name":"A","Industry":["Retail"]}""", "JSON_PARSER_ERROR", null, null)]
    public async Task A_refused_create_answers_400_with_the_rows_error(string json, string code, string? message, string? field)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, $"{V}/sobjects/Account", json);

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body[0].GetProperty("errorCode").GetString(), Is.EqualTo(code));
        if (message is not null)
            Assert.That(body[0].GetProperty("message").GetString(), Is.EqualTo(message));
        if (field is not null)
            Assert.That(body[0].GetProperty("fields").EnumerateArray().Select(f => f.GetString()), Is.EqualTo(new[] { field }));
        Assert.That(await QueryAsync("SELECT Id FROM Account"), Is.Empty);
    }

    [Test]
    public async Task A_unique_value_taken_is_DUPLICATE_VALUE_as_in_Bulk()
    {
        await CreateAccountAsync("""{"Name":"A","External_Id__c":"X-1"}""");

        var (status, body) = await SendAsync(HttpMethod.Post, $"{V}/sobjects/Account", """{"Name":"B","External_Id__c":"x-1"}""");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body[0].GetProperty("errorCode").GetString(), Is.EqualTo("DUPLICATE_VALUE"));
    }

    [Test]
    public async Task A_relationship_by_external_id_resolves_to_the_parent()
    {
        var parent = await CreateAccountAsync("""{"Name":"Parent","External_Id__c":"P-1"}""");

        var (status, body) = await SendAsync(HttpMethod.Post, $"{V}/sobjects/Contact", """{"LastName":"Kid","Account":{"External_Id__c":"P-1"}}""");
        var contact = await GetJson($"{V}/sobjects/Contact/{body.GetProperty("id").GetString()}");
        var (missingStatus, missing) = await SendAsync(HttpMethod.Post, $"{V}/sobjects/Contact", """{"LastName":"Orphan","Account":{"External_Id__c":"P-9"}}""");

        Assert.That(status, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(contact.GetProperty("AccountId").GetString(), Is.EqualTo(parent));
        Assert.That(missingStatus, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(missing[0].GetProperty("message").GetString(), Is.EqualTo("Foreign key external ID: P-9 not found for field External_Id__c in entity Account"));
    }

    [Test]
    public async Task Get_answers_the_fields_asked_for()
    {
        var id = await CreateAccountAsync("""{"Name":"Acme","Phone":"555"}""");

        var record = await GetJson($"{V}/sobjects/Account/{id}?fields=Name,Phone");
        var (status, body) = await SendAsync(HttpMethod.Get, $"{V}/sobjects/Account/{id}?fields=Name,Nope");

        Assert.That(record.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "attributes", "Name", "Phone" }));
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body[0].GetProperty("errorCode").GetString(), Is.EqualTo("INVALID_FIELD"));
    }

    [Test]
    public async Task Update_answers_204_and_changes_only_the_fields_given()
    {
        var id = await CreateAccountAsync("""{"Name":"Acme","Phone":"555"}""");

        var (status, _) = await SendAsync(HttpMethod.Patch, $"{V}/sobjects/Account/{id}", """{"Phone":"777","Website":null}""");
        var record = await GetJson($"{V}/sobjects/Account/{id}");
        var (clearStatus, clear) = await SendAsync(HttpMethod.Patch, $"{V}/sobjects/Account/{id}", """{"Name":null}""");

        Assert.That(status, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(record.GetProperty("Name").GetString(), Is.EqualTo("Acme"));
        Assert.That(record.GetProperty("Phone").GetString(), Is.EqualTo("777"));
        Assert.That(clearStatus, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(clear[0].GetProperty("errorCode").GetString(), Is.EqualTo("REQUIRED_FIELD_MISSING"));
    }

    [Test]
    public async Task Delete_answers_204_then_the_record_is_gone_and_deleting_again_is_ENTITY_IS_DELETED()
    {
        var id = await CreateAccountAsync("""{"Name":"Acme"}""");

        var (status, _) = await SendAsync(HttpMethod.Delete, $"{V}/sobjects/Account/{id}");
        var (getStatus, _) = await SendAsync(HttpMethod.Get, $"{V}/sobjects/Account/{id}");
        var (againStatus, again) = await SendAsync(HttpMethod.Delete, $"{V}/sobjects/Account/{id}");
        var (patchStatus, _) = await SendAsync(HttpMethod.Patch, $"{V}/sobjects/Account/{id}", """{"Phone":"1"}""");

        Assert.That(status, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(getStatus, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(againStatus, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(again[0].GetProperty("errorCode").GetString(), Is.EqualTo("ENTITY_IS_DELETED"));
        Assert.That(patchStatus, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("001000000000999AAA", "NOT_FOUND", "The requested resource does not exist")]
    [TestCase("003000000000001AAA", "NOT_FOUND", "Provided external ID field does not exist or is not accessible: 003000000000001AAA")]
    [TestCase("garbage", "NOT_FOUND", "Provided external ID field does not exist or is not accessible: garbage")]
    public async Task An_id_not_of_this_object_or_not_there_is_404(string id, string code, string message)
    {
        var (status, body) = await SendAsync(HttpMethod.Patch, $"{V}/sobjects/Account/{id}", """{"Phone":"1"}""");

        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(body[0].GetProperty("errorCode").GetString(), Is.EqualTo(code));
        Assert.That(body[0].GetProperty("message").GetString(), Is.EqualTo(message));
    }

    [Test]
    public async Task Upsert_by_external_id_creates_201_then_updates_200_with_created_flags()
    {
        var (createStatus, created) = await SendAsync(HttpMethod.Patch, $"{V}/sobjects/Account/External_Id__c/E-1", """{"Name":"First"}""");
        var (updateStatus, updated) = await SendAsync(HttpMethod.Patch, $"{V}/sobjects/Account/External_Id__c/e-1", """{"Name":"Second"}""");
        var record = await GetJson($"{V}/sobjects/Account/External_Id__c/E-1");

        Assert.That(createStatus, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(created.GetProperty("created").GetBoolean(), Is.True);
        Assert.That(updateStatus, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(updated.GetProperty("created").GetBoolean(), Is.False);
        Assert.That(updated.GetProperty("id").GetString(), Is.EqualTo(created.GetProperty("id").GetString()));
        Assert.That(record.GetProperty("Name").GetString(), Is.EqualTo("Second"));
        Assert.That(record.GetProperty("External_Id__c").GetString(), Is.EqualTo("E-1"), "the stored key keeps its spelling");
    }

    [Test]
    public async Task Upsert_before_46_answers_204_on_update()
    {
        await SendAsync(HttpMethod.Patch, "/services/data/v45.0/sobjects/Account/External_Id__c/E-1", """{"Name":"First"}""");

        var (status, _) = await SendAsync(HttpMethod.Patch, "/services/data/v45.0/sobjects/Account/External_Id__c/E-1", """{"Name":"Second"}""");

        Assert.That(status, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task Upsert_matching_several_records_is_300_with_their_urls()
    {
        // Contact.External_Id__c is an external id but not unique, so two records may hold one value.
        await SendAsync(HttpMethod.Post, $"{V}/sobjects/Contact", """{"LastName":"A","External_Id__c":"C-1"}""");
        await SendAsync(HttpMethod.Post, $"{V}/sobjects/Contact", """{"LastName":"B","External_Id__c":"C-1"}""");

        var (status, body) = await SendAsync(HttpMethod.Patch, $"{V}/sobjects/Contact/External_Id__c/C-1", """{"LastName":"C"}""");

        Assert.That(status, Is.EqualTo(HttpStatusCode.MultipleChoices));
        Assert.That(body.EnumerateArray().Select(u => u.GetString()), Has.All.StartWith("/services/data/v60.0/sobjects/Contact/003"));
        Assert.That(body.GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    public async Task Upsert_on_a_field_that_is_not_an_external_id_is_404()
    {
        var (status, body) = await SendAsync(HttpMethod.Patch, $"{V}/sobjects/Account/Phone/555", """{"Name":"A"}""");

        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(body[0].GetProperty("message").GetString(), Is.EqualTo("Provided external ID field does not exist or is not accessible: Phone"));
    }

    [Test]
    public async Task A_body_that_is_not_json_is_JSON_PARSER_ERROR()
    {
        var (status, body) = await SendAsync(HttpMethod.Post, $"{V}/sobjects/Account", "{not json");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body[0].GetProperty("errorCode").GetString(), Is.EqualTo("JSON_PARSER_ERROR"));
    }

    [Test]
    public async Task The_object_summary_lists_its_describe_summary()
    {
        var summary = await GetJson($"{V}/sobjects/Account");

        Assert.That(summary.GetProperty("objectDescribe").GetProperty("name").GetString(), Is.EqualTo("Account"));
        Assert.That(summary.GetProperty("recentItems").GetArrayLength(), Is.Zero);
    }
}

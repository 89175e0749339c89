using System.Net;
using System.Text;
using System.Text.Json;
using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Rest;

/// <summary>sObject Collections over HTTP: the four verbs and retrieve, per-record results in order, allOrNone, the 200-record limit.</summary>
public sealed class SObjectCollectionsTests : EmulatorFixture
{
    private const string C = V + "/composite/sobjects";

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = json is null ? null : Json(json) };
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static string Records(bool allOrNone, params string[] records) =>
        $$"""{"allOrNone":{{(allOrNone ? "true" : "false")}},"records":[{{string.Join(",", records)}}]}""";

    private static string Account(string fields) => $$"""{"attributes":{"type":"Account"},{{fields}}}""";

    private static List<string> Codes(JsonElement result) =>
        result.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("statusCode").GetString()!).ToList();

    private async Task<List<string>> CreateAccountsAsync(params string[] names)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, C, Records(false, names.Select(n => Account($"\"Name\":\"{n}\",\"External_Id__c\":\"{n}\"")).ToArray()));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return body.EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
    }

    [Test]
    public async Task Create_answers_one_save_result_per_record_in_order_and_a_failure_does_not_stop_the_others()
    {
        var (status, body) = await SendAsync(HttpMethod.Post, C, Records(false,
            Account("\"Name\":\"First\""),
            """{"attributes":{"type":"Contact"},"FirstName":"No last name"}""",
            """{"attributes":{"type":"Contact"},"LastName":"Kid","Account":{"External_Id__c":"missing"}}""",
            Account("\"Name\":\"Last\"")));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.GetArrayLength(), Is.EqualTo(4));
        Assert.That(body[0].EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "id", "success", "errors" }));
        Assert.That(body[0].GetProperty("id").GetString(), Does.StartWith("001"));
        Assert.That(body[1].GetProperty("success").GetBoolean(), Is.False);
        Assert.That(body[1].TryGetProperty("id", out _), Is.False, "a record never created has no id");
        var missing = body[1].GetProperty("errors")[0];
        Assert.That(missing.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "statusCode", "message", "fields" }));
        Assert.That(missing.GetProperty("statusCode").GetString(), Is.EqualTo("REQUIRED_FIELD_MISSING"));
        Assert.That(missing.GetProperty("message").GetString(), Is.EqualTo("Required fields are missing: [LastName]"));
        Assert.That(missing.GetProperty("fields")[0].GetString(), Is.EqualTo("LastName"));
        Assert.That(Codes(body[2]), Is.EqualTo(new[] { "INVALID_FIELD" }), "the parent's external id is not found");
        Assert.That(body[3].GetProperty("success").GetBoolean(), Is.True);
        Assert.That((await QueryAsync("SELECT Name FROM Account ORDER BY Name")).Select(r => r["Name"].GetString()), Is.EqualTo(new[] { "First", "Last" }));
    }

    [Test]
    public async Task All_or_none_rolls_back_every_write_and_reports_the_others_as_rolled_back()
    {
        var (status, body) = await SendAsync(HttpMethod.Post, C, Records(true,
            Account("\"Name\":\"Kept?\""),
            """{"attributes":{"type":"Contact"},"FirstName":"No last name"}"""));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Codes(body[0]), Is.EqualTo(new[] { "ALL_OR_NONE_OPERATION_ROLLED_BACK" }));
        Assert.That(body[0].GetProperty("errors")[0].GetProperty("message").GetString(),
            Is.EqualTo("Record rolled back because not all records were valid and the request was using AllOrNone header"));
        Assert.That(body[0].TryGetProperty("id", out _), Is.False);
        Assert.That(Codes(body[1]), Is.EqualTo(new[] { "REQUIRED_FIELD_MISSING" }));
        Assert.That(await QueryAsync("SELECT Id FROM Account"), Is.Empty);
    }

    [Test]
    public async Task All_or_none_undoes_updates_and_deletes_too()
    {
        var ids = await CreateAccountsAsync("A", "B");

        var (_, update) = await SendAsync(HttpMethod.Patch, C, Records(true,
            Account($"\"id\":\"{ids[0]}\",\"Name\":\"Changed\""),
            Account($"\"Id\":\"{ids[1]}\",\"Name\":null")));
        var (_, delete) = await SendAsync(HttpMethod.Delete, $"{C}?ids={ids[0]},001000000000000AAA&allOrNone=true");

        Assert.That(Codes(update[0]), Is.EqualTo(new[] { "ALL_OR_NONE_OPERATION_ROLLED_BACK" }));
        Assert.That(update[0].GetProperty("id").GetString(), Is.EqualTo(ids[0]), "an update names its record");
        Assert.That(Codes(update[1]), Is.EqualTo(new[] { "REQUIRED_FIELD_MISSING" }));
        Assert.That(Codes(delete[0]), Is.EqualTo(new[] { "ALL_OR_NONE_OPERATION_ROLLED_BACK" }));
        Assert.That(Codes(delete[1]), Is.EqualTo(new[] { "INVALID_CROSS_REFERENCE_KEY" }));
        Assert.That((await QueryAsync("SELECT Name FROM Account ORDER BY Name")).Select(r => r["Name"].GetString()), Is.EqualTo(new[] { "A", "B" }));
    }

    [Test]
    public async Task Update_changes_each_record_and_reports_one_without_an_id()
    {
        var ids = await CreateAccountsAsync("A", "B");

        var (status, body) = await SendAsync(HttpMethod.Patch, C, Records(false,
            Account($"\"Id\":\"{ids[0]}\",\"Phone\":\"555\""),
            Account("\"Phone\":\"nobody\""),
            Account("\"Id\":\"001bad\",\"Phone\":\"1\"")));
        var stored = await GetJson($"{V}/sobjects/Account/{ids[0]}");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body[0].GetProperty("id").GetString(), Is.EqualTo(ids[0]));
        Assert.That(body[0].GetProperty("success").GetBoolean(), Is.True);
        Assert.That(Codes(body[1]), Is.EqualTo(new[] { "MISSING_ARGUMENT" }));
        Assert.That(body[1].GetProperty("errors")[0].GetProperty("message").GetString(), Is.EqualTo("Id not specified in an update call"));
        Assert.That(Codes(body[2]), Is.EqualTo(new[] { "MALFORMED_ID" }));
        Assert.That(stored.GetProperty("Phone").GetString(), Is.EqualTo("555"));
    }

    [Test]
    public async Task Upsert_reports_created_per_record_and_fails_keys_repeated_in_the_call()
    {
        await CreateAccountsAsync("A-1");

        var (status, body) = await SendAsync(HttpMethod.Patch, $"{C}/Account/External_Id__c", Records(false,
            Account("\"External_Id__c\":\"A-1\",\"Phone\":\"1\""),
            Account("\"External_Id__c\":\"A-2\",\"Name\":\"New\""),
            Account("\"External_Id__c\":\"A-3\",\"Name\":\"Twice\""),
            Account("\"External_Id__c\":\"a-3\",\"Name\":\"Twice\""),
            Account("\"Name\":\"No key\"")));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body[0].EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "id", "success", "errors", "created" }));
        Assert.That(body[0].GetProperty("created").GetBoolean(), Is.False);
        Assert.That(body[1].GetProperty("created").GetBoolean(), Is.True);
        Assert.That(body[1].GetProperty("id").GetString(), Does.StartWith("001"));
        Assert.That(Codes(body[2]), Is.EqualTo(new[] { "DUPLICATE_VALUE" }));
        Assert.That(Codes(body[3]), Is.EqualTo(new[] { "DUPLICATE_VALUE" }));
        Assert.That(Codes(body[4]), Is.EqualTo(new[] { "MISSING_ARGUMENT" }));
        Assert.That((await QueryAsync("SELECT Phone FROM Account WHERE External_Id__c = 'A-1'"))[0]["Phone"].GetString(), Is.EqualTo("1"));
    }

    [Test]
    public async Task A_lookup_set_by_the_parents_external_id_as_a_nested_object_stores_the_parents_id()
    {
        var parent = (await CreateAccountsAsync("P-1"))[0];

        var (_, body) = await SendAsync(HttpMethod.Post, C, Records(false,
            """{"attributes":{"type":"Contact"},"LastName":"Kid","Account":{"External_Id__c":"p-1"}}"""));
        var contact = await GetJson($"{V}/sobjects/Contact/{body[0].GetProperty("id").GetString()}");

        Assert.That(contact.GetProperty("AccountId").GetString(), Is.EqualTo(parent));
    }

    [Test]
    public async Task An_all_or_none_upsert_that_fails_undoes_its_inserts_and_updates()
    {
        await CreateAccountsAsync("U-1");

        var (_, body) = await SendAsync(HttpMethod.Patch, $"{C}/Account/External_Id__c", Records(true,
            Account("\"External_Id__c\":\"U-1\",\"Name\":\"Renamed\""),
            Account("\"External_Id__c\":\"U-2\",\"Name\":\"Inserted\""),
            Account("\"External_Id__c\":\"U-3\"")));

        Assert.That(Codes(body[0]), Is.EqualTo(new[] { "ALL_OR_NONE_OPERATION_ROLLED_BACK" }));
        Assert.That(body[0].GetProperty("created").GetBoolean(), Is.False);
        Assert.That(body[1].TryGetProperty("id", out _), Is.False, "the rolled-back insert has no id");
        Assert.That(body[1].GetProperty("created").GetBoolean(), Is.False);
        Assert.That(Codes(body[2]), Is.EqualTo(new[] { "REQUIRED_FIELD_MISSING" }));
        Assert.That((await QueryAsync("SELECT Name FROM Account")).Select(r => r["Name"].GetString()), Is.EqualTo(new[] { "U-1" }));
    }

    [Test]
    public async Task Upsert_exists_from_46_and_takes_only_external_id_fields()
    {
        var (old, _) = await SendAsync(HttpMethod.Patch, "/services/data/v45.0/composite/sobjects/Account/External_Id__c", Records(false, Account("\"External_Id__c\":\"A\"")));
        var (notKey, _) = await SendAsync(HttpMethod.Patch, $"{C}/Account/Phone", Records(false, Account("\"Phone\":\"1\"")));
        var (otherType, wrong) = await SendAsync(HttpMethod.Patch, $"{C}/Account/External_Id__c", Records(false, """{"attributes":{"type":"Contact"},"LastName":"x"}"""));

        Assert.That(old, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(notKey, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(otherType, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(wrong[0].GetProperty("errorCode").GetString(), Is.EqualTo("INVALID_TYPE"));
    }

    [Test]
    public async Task Collections_exist_from_42()
    {
        var (old, _) = await SendAsync(HttpMethod.Post, "/services/data/v41.0/composite/sobjects", Records(false, Account("\"Name\":\"A\"")));
        var (first, _) = await SendAsync(HttpMethod.Post, "/services/data/v42.0/composite/sobjects", Records(false, Account("\"Name\":\"A\"")));

        Assert.That(old, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(first, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Delete_moves_records_to_the_recycle_bin_in_order()
    {
        var ids = await CreateAccountsAsync("A", "B");

        var (status, body) = await SendAsync(HttpMethod.Delete, $"{C}?ids={ids[1]},{ids[0]},bogus&allOrNone=false");
        var (_, again) = await SendAsync(HttpMethod.Delete, $"{C}?ids={ids[0]}");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.EnumerateArray().Select(r => r.TryGetProperty("id", out var id) ? id.GetString() : null), Is.EqualTo(new[] { ids[1], ids[0], null }));
        Assert.That(Codes(body[2]), Is.EqualTo(new[] { "MALFORMED_ID" }));
        Assert.That(Codes(again[0]), Is.EqualTo(new[] { "ENTITY_IS_DELETED" }));
        Assert.That(await QueryAsync("SELECT Id FROM Account"), Is.Empty);
    }

    [Test]
    public async Task Retrieve_answers_the_fields_asked_and_null_for_an_id_it_cannot_read()
    {
        var ids = await CreateAccountsAsync("A");

        var body = await GetJson($"{C}/Account?ids={ids[0]},001000000000000AAA&fields=Name,External_Id__c");
        var (badField, refusal) = await SendAsync(HttpMethod.Get, $"{C}/Account?ids={ids[0]}&fields=Nope");

        Assert.That(body[0].GetProperty("Name").GetString(), Is.EqualTo("A"));
        Assert.That(body[0].GetProperty("attributes").GetProperty("type").GetString(), Is.EqualTo("Account"));
        Assert.That(body[1].ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(badField, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(refusal[0].GetProperty("errorCode").GetString(), Is.EqualTo("INVALID_FIELD"));
    }

    [Test]
    public async Task More_than_200_records_or_none_is_refused_whole()
    {
        var many = Records(false, Enumerable.Range(0, 201).Select(i => Account($"\"Name\":\"n{i}\"")).ToArray());
        var ids = string.Join(",", Enumerable.Repeat("001000000000000AAA", 201));

        var (status, body) = await SendAsync(HttpMethod.Post, C, many);
        var (deleteStatus, deleteBody) = await SendAsync(HttpMethod.Delete, $"{C}?ids={ids}");
        var (emptyStatus, empty) = await SendAsync(HttpMethod.Post, C, """{"records":[]}""");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body[0].GetProperty("errorCode").GetString(), Is.EqualTo("EXCEEDED_ID_LIMIT"));
        Assert.That(body[0].GetProperty("message").GetString(), Is.EqualTo("record limit reached. cannot submit more than 200 records into this call"));
        Assert.That(deleteStatus, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(deleteBody[0].GetProperty("errorCode").GetString(), Is.EqualTo("EXCEEDED_ID_LIMIT"));
        Assert.That(emptyStatus, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(empty[0].GetProperty("message").GetString(), Is.EqualTo("At least 1 record is required"));
        Assert.That(await QueryAsync("SELECT Id FROM Account"), Is.Empty);
    }

    [Test]
    public async Task Eleven_runs_of_types_are_refused()
    {
        var records = Enumerable.Range(0, 11).Select(i => i % 2 == 0 ? Account($"\"Name\":\"n{i}\"") : """{"attributes":{"type":"Contact"},"LastName":"x"}""").ToArray();

        var (status, body) = await SendAsync(HttpMethod.Post, C, Records(false, records));

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body[0].GetProperty("message").GetString(), Does.Contain("10 chunks"));
    }

    [TestCase("Name,Phone\nA,123456789012345678901234567890123456789012\n", """{"Name":"A","Phone":"123456789012345678901234567890123456789012"}""")]
    [TestCase("Phone\n1\n", """{"Phone":"1"}""")]
    [TestCase("Name,CreatedDate\nA,2024-01-01T00:00:00Z\n", """{"Name":"A","CreatedDate":"2024-01-01T00:00:00Z"}""")]
    public async Task A_bad_record_fails_with_the_error_its_Bulk_row_gets(string csv, string fields)
    {
        var run = await RunJobAsync("Account", "insert", csv);
        var bulkError = (await ErrorsAsync(run.Id)).Single();

        var (_, body) = await SendAsync(HttpMethod.Post, C, Records(false, "{\"attributes\":{\"type\":\"Account\"}," + fields[1..]));
        var error = body[0].GetProperty("errors")[0];
        var fieldsText = string.Join(",", error.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        var asBulkText = $"{error.GetProperty("statusCode").GetString()}:{error.GetProperty("message").GetString()}:"
            + (fieldsText.Length == 0 ? "--" : fieldsText + " --");

        Assert.That(asBulkText, Is.EqualTo(bulkError));
    }

    [Test]
    public async Task Each_call_counts_once_against_daily_api_requests()
    {
        using var response = await PostJsonAsync(C, Records(false, Enumerable.Range(0, 50).Select(i => Account($"\"Name\":\"n{i}\"")).ToArray()));
        var first = Used(response);
        using var second = await PostJsonAsync(C, Records(false, Account("\"Name\":\"one\"")));

        Assert.That(Used(second) - first, Is.EqualTo(1));
    }

    private static long Used(HttpResponseMessage response)
    {
        var header = response.Headers.GetValues("Sforce-Limit-Info").Single();
        return long.Parse(header["api-usage=".Length..header.IndexOf('/', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
    }
}

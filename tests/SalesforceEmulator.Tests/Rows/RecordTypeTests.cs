using System.Net;

namespace SalesforceEmulator.Tests.Rows;

/// <summary>
/// A record type given to a row must be an active record type of the row's own object (or the Master record type);
/// anything else fails the row with Salesforce's INVALID_CROSS_REFERENCE_KEY on RecordTypeId, in Bulk and REST.
/// </summary>
public sealed class RecordTypeTests : RowRulesFixture
{
    private static string Refused(string given) =>
        $"INVALID_CROSS_REFERENCE_KEY:Record Type ID: this ID value isn't valid for the user: {given}:RecordTypeId --";

    [Test]
    public async Task Bulk_rows_take_their_own_objects_active_record_types_and_fail_others()
    {
        var run = await RunJobAsync("Account", "insert",
            "Name,RecordTypeId\n" +
            $"Customer,{CustomerRecordType}\nPartner by 15,{PartnerRecordType[..15]}\nMaster,012000000000000AAA\nNone,\n" +
            $"Case type,{CaseRecordType}\nRetired,{RetiredRecordType}\nUnknown,012000000000009AAA\n");

        Assert.That((run.Processed, run.Failed), Is.EqualTo((7L, 3L)));
        Assert.That(await ErrorsAsync(run.Id), Is.EqualTo(new[]
        {
            Refused(CaseRecordType), Refused(RetiredRecordType), Refused("012000000000009AAA"),
        }));
        var stored = await QueryAsync("SELECT Name, RecordTypeId FROM Account ORDER BY Name");
        Assert.That(stored.Select(r => (r["Name"].GetString(), r["RecordTypeId"].ValueKind == System.Text.Json.JsonValueKind.Null ? null : r["RecordTypeId"].GetString())),
            Is.EqualTo(new[]
            {
                ("Customer", CustomerRecordType), ("Master", "012000000000000AAA"), ("None", null), ("Partner by 15", PartnerRecordType),
            }));
    }

    [Test]
    public async Task An_update_to_another_objects_record_type_fails_and_leaves_the_record()
    {
        var insert = await RunJobAsync("Case", "insert", $"Subject,RecordTypeId\nHelp,{CaseRecordType}\n");
        Assert.That(insert.Failed, Is.Zero);
        var caseId = (await QueryAsync("SELECT Id FROM Case"))[0]["Id"].GetString()!;

        var update = await RunJobAsync("Case", "update", $"Id,RecordTypeId\n{caseId},{CustomerRecordType}\n");

        Assert.That(await ErrorsAsync(update.Id), Is.EqualTo(new[] { Refused(CustomerRecordType) }));
        Assert.That((await QueryAsync("SELECT RecordTypeId FROM Case"))[0]["RecordTypeId"].GetString(), Is.EqualTo(CaseRecordType));
    }

    [Test]
    public async Task Rest_answers_the_refusal_as_a_400_on_RecordTypeId()
    {
        using var refused = await PostJsonAsync($"{V}/sobjects/Account", $$"""{"Name":"Acme","RecordTypeId":"{{RetiredRecordType}}"}""");
        var body = await ReadJson(refused);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body[0].GetProperty("errorCode").GetString(), Is.EqualTo("INVALID_CROSS_REFERENCE_KEY"));
        Assert.That(body[0].GetProperty("message").GetString(), Is.EqualTo($"Record Type ID: this ID value isn't valid for the user: {RetiredRecordType}"));
        Assert.That(body[0].GetProperty("fields")[0].GetString(), Is.EqualTo("RecordTypeId"));

        using var accepted = await PostJsonAsync($"{V}/sobjects/Account", $$"""{"Name":"Acme","RecordTypeId":"{{PartnerRecordType}}"}""");
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }
}

using System.Net;

namespace SalesforceEmulator.Tests.Rows;

/// <summary>
/// Null written to a checkbox that cannot be null (Contact.HasOptedOutOfEmail): on insert it takes the field's
/// default (false), as a null may for a field defaulted on create; on update an empty Bulk cell leaves the value and
/// #N/A (REST: JSON null) fails the row with REQUIRED_FIELD_MISSING, as the API refuses nulls in non-nillable fields.
/// </summary>
public sealed class NonNillableNullTests : RowRulesFixture
{
    private const string Missing = "REQUIRED_FIELD_MISSING:Required fields are missing: [HasOptedOutOfEmail]:HasOptedOutOfEmail --";

    private async Task<string?> OptedOut(string lastName) =>
        (await QueryAsync($"SELECT HasOptedOutOfEmail FROM Contact WHERE LastName = '{lastName}'"))[0]["HasOptedOutOfEmail"].ToString();

    [Test]
    public async Task Bulk_insert_gives_an_empty_or_NA_checkbox_its_default()
    {
        var run = await RunJobAsync("Contact", "insert", "LastName,HasOptedOutOfEmail\nEmpty,\nNull,#N/A\nSet,true\n");

        Assert.That((run.Processed, run.Failed), Is.EqualTo((3L, 0L)));
        Assert.That(await OptedOut("Empty"), Is.EqualTo("False"));
        Assert.That(await OptedOut("Null"), Is.EqualTo("False"));
        Assert.That(await OptedOut("Set"), Is.EqualTo("True"));
    }

    [Test]
    public async Task Bulk_update_leaves_the_checkbox_for_an_empty_cell_and_fails_the_row_for_NA()
    {
        Assert.That((await RunJobAsync("Contact", "insert", "LastName,External_Id__c,HasOptedOutOfEmail\nKeep,C-1,true\nClear,C-2,true\n")).Failed, Is.Zero);

        var run = await RunJobAsync("Contact", "upsert", "External_Id__c,HasOptedOutOfEmail\nC-1,\nC-2,#N/A\n", "External_Id__c");

        Assert.That((run.Processed, run.Failed), Is.EqualTo((2L, 1L)));
        Assert.That(await ErrorsAsync(run.Id), Is.EqualTo(new[] { Missing }));
        Assert.That(await OptedOut("Keep"), Is.EqualTo("True"));
        Assert.That(await OptedOut("Clear"), Is.EqualTo("True"), "the failed row changed nothing");
    }

    [Test]
    public async Task Rest_null_defaults_on_create_and_is_refused_on_update()
    {
        using var created = await PostJsonAsync($"{V}/sobjects/Contact", """{"LastName":"Rest","HasOptedOutOfEmail":null}""");
        var id = (await ReadJson(created)).GetProperty("id").GetString();
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(await OptedOut("Rest"), Is.EqualTo("False"));

        using var patch = Json("""{"HasOptedOutOfEmail":null}""");
        using var updated = await Client.PatchAsync($"{V}/sobjects/Contact/{id}", patch);
        var body = await ReadJson(updated);

        Assert.That(updated.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body[0].GetProperty("errorCode").GetString(), Is.EqualTo("REQUIRED_FIELD_MISSING"));
        Assert.That(body[0].GetProperty("fields")[0].GetString(), Is.EqualTo("HasOptedOutOfEmail"));
    }
}

using System.Net;
using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Rest;

/// <summary>A compound field is written through its components; naming it in a write gets Salesforce's refusal.</summary>
public sealed class CompoundFieldWriteTests : EmulatorFixture
{
    [Test]
    public async Task A_Bulk_row_naming_an_address_fails_as_not_writable()
    {
        var run = await RunJobAsync("Account", "insert", "Name,BillingAddress\nAcme,1 Main St\n");
        var errors = await ErrorsAsync(run.Id);

        Assert.That(run.Failed, Is.EqualTo(1));
        Assert.That(errors.Single(), Does.Contain(
            "INVALID_FIELD_FOR_INSERT_UPDATE:Unable to create/update fields: BillingAddress. Please check the security settings"));
    }

    [Test]
    public async Task A_REST_create_with_an_address_object_is_refused_naming_the_field()
    {
        using var response = await PostJsonAsync($"{V}/sobjects/Account", """{"Name":"Acme","BillingAddress":{"city":"Paris","country":"FR"}}""");
        var body = await ReadJson(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body[0].GetProperty("errorCode").GetString(), Is.EqualTo("INVALID_FIELD_FOR_INSERT_UPDATE"));
        Assert.That(body[0].GetProperty("fields").EnumerateArray().Select(f => f.GetString()), Is.EqualTo(new[] { "BillingAddress" }));
        Assert.That(await QueryAsync("SELECT Id FROM Account"), Is.Empty);
    }

    [Test]
    public async Task The_components_load_and_read_back()
    {
        var run = await RunJobAsync("Account", "insert",
            "Name,BillingStreet,BillingCity,BillingPostalCode,BillingCountry,BillingLatitude,BillingLongitude\n" +
            "Acme,\"1 Main St\nSuite 2\",Paris,75001,France,48.8566,2.3522\n");
        var row = (await QueryAsync("SELECT BillingStreet, BillingCity, BillingLatitude FROM Account")).Single();

        Assert.That(run.Failed, Is.Zero, string.Join("; ", await ErrorsAsync(run.Id)));
        Assert.That(row["BillingStreet"].GetString(), Is.EqualTo("1 Main St\nSuite 2"));
        Assert.That(row["BillingCity"].GetString(), Is.EqualTo("Paris"));
        Assert.That(row["BillingLatitude"].GetDouble(), Is.EqualTo(48.8566));
    }

    [Test]
    public async Task An_address_reads_back_as_an_object_of_its_components()
    {
        await RunJobAsync("Account", "insert", "Name,BillingCity,BillingCountry,BillingLatitude\nAcme,Paris,France,48.8566\nBare,,,\n");
        var rows = await QueryAsync("SELECT Name, BillingAddress, ShippingAddress FROM Account");
        var acme = rows.Single(r => r["Name"].GetString() == "Acme");
        var id = (await QueryAsync("SELECT Id FROM Account WHERE Name = 'Acme'")).Single()["Id"].GetString();
        var record = await GetJson($"{V}/sobjects/Account/{id}");

        var address = acme["BillingAddress"];
        Assert.That(address.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
        {
            "city", "country", "geocodeAccuracy", "latitude", "longitude", "postalCode", "state", "street",
        }));
        Assert.That(address.GetProperty("city").GetString(), Is.EqualTo("Paris"));
        Assert.That(address.GetProperty("latitude").GetDouble(), Is.EqualTo(48.8566));
        Assert.That(address.GetProperty("street").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        Assert.That(acme["ShippingAddress"].ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null), "no component set");
        Assert.That(rows.Single(r => r["Name"].GetString() == "Bare")["BillingAddress"].ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        Assert.That(record.GetProperty("BillingAddress").GetProperty("country").GetString(), Is.EqualTo("France"));
    }
}

using System.Net;
using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Rest;

public sealed class RestRouteTests : EmulatorFixture
{
    [TestCase("/services/data/")]
    [TestCase("/services/data")]
    [TestCase("//services/data")]
    public async Task Versions_are_listed_without_a_session_from_31_up_to_68(string path)
    {
        using var anonymous = new HttpClient { BaseAddress = Host.BaseUrl };

        using var response = await anonymous.GetAsync(Absolute(path));
        var versions = await ReadJson(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(versions[versions.GetArrayLength() - 1].GetProperty("version").GetString(), Is.EqualTo("68.0"));
        Assert.That(versions[versions.GetArrayLength() - 1].GetProperty("label").GetString(), Is.EqualTo("Winter '27"));
        Assert.That(versions.GetArrayLength(), Is.EqualTo(68 - 31 + 1));
        Assert.That(versions[0].GetProperty("label").GetString(), Is.EqualTo("Summer '14"));
        Assert.That(versions[0].GetProperty("url").GetString(), Is.EqualTo("/services/data/v31.0"));
    }

    [Test]
    public async Task Limits_report_usage_and_carry_the_limit_header()
    {
        using var response = await Client.GetAsync($"{V}/limits/");
        var limits = await ReadJson(response);

        Assert.That(limits.GetProperty("DailyApiRequests").GetProperty("Max").GetInt32(), Is.EqualTo(15000));
        Assert.That(response.Headers.GetValues("Sforce-Limit-Info").Single(), Does.StartWith("api-usage="));
    }

    [TestCase("/services/data/v60/limits")]
    [TestCase("/services/data/60.0/limits")]
    [TestCase("/services/data/v60.0/nothing-here")]
    [TestCase("/services/data/v60.0/tooling/query?q=SELECT+Id+FROM+SandboxProcess")]
    public async Task Unknown_paths_and_bad_versions_are_404_json(string path)
    {
        using var response = await Client.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await ReadJson(response))[0].GetProperty("errorCode").GetString(), Is.EqualTo("NOT_FOUND"));
    }

    [Test]
    public async Task The_sobject_list_names_every_object()
    {
        var list = await GetJson($"{V}/sobjects");

        Assert.That(list.GetProperty("sobjects").EnumerateArray().Select(o => o.GetProperty("name").GetString()),
            Is.SupersetOf(new[] { "Account", "Contact", "Lead", "Opportunity", "Invoice__c", "User", "Organization" }));
    }

    [Test]
    public async Task Describe_gives_the_loader_relevant_properties()
    {
        var describe = await GetJson($"{V}/sobjects/contact/describe/");
        var fields = describe.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);

        Assert.Multiple(() =>
        {
            Assert.That(describe.GetProperty("name").GetString(), Is.EqualTo("Contact"));
            Assert.That(describe.GetProperty("keyPrefix").GetString(), Is.EqualTo("003"));
            Assert.That(fields["Id"].GetProperty("type").GetString(), Is.EqualTo("id"));
            Assert.That(fields["Id"].GetProperty("idLookup").GetBoolean(), Is.True);
            Assert.That(fields["LastName"].GetProperty("nillable").GetBoolean(), Is.False);
            Assert.That(fields["LastName"].GetProperty("length").GetInt32(), Is.EqualTo(80));
            Assert.That(fields["AccountId"].GetProperty("referenceTo")[0].GetString(), Is.EqualTo("Account"));
            Assert.That(fields["AccountId"].GetProperty("relationshipName").GetString(), Is.EqualTo("Account"));
            Assert.That(fields["External_Id__c"].GetProperty("externalId").GetBoolean(), Is.True);
            Assert.That(fields["External_Id__c"].GetProperty("custom").GetBoolean(), Is.True);
            Assert.That(fields["HasOptedOutOfEmail"].GetProperty("defaultedOnCreate").GetBoolean(), Is.True);
            Assert.That(fields["Birthdate"].GetProperty("soapType").GetString(), Is.EqualTo("xsd:date"));
            Assert.That(fields["CreatedDate"].GetProperty("createable").GetBoolean(), Is.False);
            Assert.That(fields["IsDeleted"].GetProperty("updateable").GetBoolean(), Is.False);
        });
    }

    [Test]
    public async Task Describe_of_a_restricted_picklist_lists_values_and_the_default()
    {
        var describe = await GetJson($"{V}/sobjects/Lead/describe");
        var status = describe.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "Status");

        Assert.That(status.GetProperty("restrictedPicklist").GetBoolean(), Is.True);
        Assert.That(status.GetProperty("picklistValues").EnumerateArray().Single(v => v.GetProperty("defaultValue").GetBoolean()).GetProperty("value").GetString(),
            Is.EqualTo("Open - Not Contacted"));
    }

    [Test]
    public async Task Describe_of_an_unknown_object_is_NOT_FOUND()
    {
        using var response = await Client.GetAsync($"{V}/sobjects/Nope__c/describe");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That((await ReadJson(response))[0].GetProperty("errorCode").GetString(), Is.EqualTo("NOT_FOUND"));
    }

    [Test]
    public async Task The_admin_user_is_readable_by_id_with_its_username()
    {
        var userId = Host.Org.FindUserId("admin@emulator.local")!;

        var user = await GetJson($"//services/data/v51.0/sobjects/User/{userId}");
        var byShortId = await GetJson($"{V}/sobjects/User/{userId[..15]}");

        Assert.That(user.GetProperty("Username").GetString(), Is.EqualTo("admin@emulator.local"));
        Assert.That(user.GetProperty("attributes").GetProperty("type").GetString(), Is.EqualTo("User"));
        Assert.That(byShortId.GetProperty("Id").GetString(), Is.EqualTo(userId));
    }

    [Test]
    public async Task A_missing_record_is_404()
    {
        using var response = await Client.GetAsync($"{V}/sobjects/Account/001000000000000AAA");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}

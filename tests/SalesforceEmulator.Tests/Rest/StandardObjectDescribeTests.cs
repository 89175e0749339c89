using System.Text.Json;
using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Rest;

/// <summary>The built-in org describes the standard objects a loader writes as a real org does.</summary>
public sealed class StandardObjectDescribeTests : EmulatorFixture
{
    private async Task<Dictionary<string, JsonElement>> FieldsAsync(string objectName) =>
        (await GetJson($"{V}/sobjects/{objectName}/describe")).GetProperty("fields").EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!);

    private static string[] ReferenceTo(JsonElement field) =>
        [.. field.GetProperty("referenceTo").EnumerateArray().Select(t => t.GetString()!)];

    [Test]
    public async Task The_standard_objects_a_loader_writes_are_listed()
    {
        var names = (await GetJson($"{V}/sobjects")).GetProperty("sobjects").EnumerateArray()
            .Select(o => o.GetProperty("name").GetString()).ToList();

        Assert.That(names, Is.SupersetOf(new[]
        {
            "Account", "Contact", "Lead", "Opportunity", "OpportunityLineItem", "Case", "Task", "Event", "Campaign",
            "CampaignMember", "Product2", "Pricebook2", "PricebookEntry", "Asset", "Order", "User", "Group", "RecordType",
            "QueueSobject", "Profile", "Invoice__c", "Organization",
        }));
    }

    [Test]
    public async Task Account_has_owner_record_type_parent_and_both_addresses()
    {
        var fields = await FieldsAsync("Account");

        var owner = fields["OwnerId"];
        Assert.That(ReferenceTo(owner), Is.EqualTo(new[] { "User" }));
        Assert.That(owner.GetProperty("relationshipName").GetString(), Is.EqualTo("Owner"));
        Assert.That(owner.GetProperty("nillable").GetBoolean(), Is.False);
        Assert.That(owner.GetProperty("defaultedOnCreate").GetBoolean(), Is.True, "not required: the running user owns what names no owner");
        Assert.That(owner.GetProperty("polymorphicForeignKey").GetBoolean(), Is.False);
        Assert.That(ReferenceTo(fields["RecordTypeId"]), Is.EqualTo(new[] { "RecordType" }));
        Assert.That(fields["RecordTypeId"].GetProperty("relationshipName").GetString(), Is.EqualTo("RecordType"));
        Assert.That(ReferenceTo(fields["ParentId"]), Is.EqualTo(new[] { "Account" }));
        Assert.That(fields["ParentId"].GetProperty("relationshipName").GetString(), Is.EqualTo("Parent"));
        Assert.That(fields["BillingCity"].GetProperty("length").GetInt32(), Is.EqualTo(40));
        Assert.That(fields["BillingStreet"].GetProperty("type").GetString(), Is.EqualTo("textarea"));
        Assert.That(fields["ShippingPostalCode"].GetProperty("length").GetInt32(), Is.EqualTo(20));
    }

    [TestCase("Account", "BillingAddress", new[] { "BillingStreet", "BillingCity", "BillingState", "BillingPostalCode", "BillingCountry", "BillingLatitude", "BillingLongitude", "BillingGeocodeAccuracy" })]
    [TestCase("Account", "ShippingAddress", new[] { "ShippingStreet", "ShippingCity", "ShippingState", "ShippingPostalCode", "ShippingCountry", "ShippingLatitude", "ShippingLongitude", "ShippingGeocodeAccuracy" })]
    [TestCase("Contact", "MailingAddress", new[] { "MailingStreet", "MailingCity", "MailingState", "MailingPostalCode", "MailingCountry", "MailingLatitude", "MailingLongitude", "MailingGeocodeAccuracy" })]
    [TestCase("Contact", "OtherAddress", new[] { "OtherStreet", "OtherCity", "OtherState", "OtherPostalCode", "OtherCountry", "OtherLatitude", "OtherLongitude", "OtherGeocodeAccuracy" })]
    [TestCase("Lead", "Address", new[] { "Street", "City", "State", "PostalCode", "Country", "Latitude", "Longitude", "GeocodeAccuracy" })]
    [TestCase("Order", "ShippingAddress", new[] { "ShippingStreet", "ShippingCity", "ShippingState", "ShippingPostalCode", "ShippingCountry", "ShippingLatitude", "ShippingLongitude", "ShippingGeocodeAccuracy" })]
    [TestCase("User", "Address", new[] { "Street", "City", "State", "PostalCode", "Country", "Latitude", "Longitude", "GeocodeAccuracy" })]
    public async Task An_address_is_a_read_only_compound_its_components_name(string objectName, string compound, string[] components)
    {
        var fields = await FieldsAsync(objectName);

        var address = fields[compound];
        Assert.That(address.GetProperty("type").GetString(), Is.EqualTo("address"));
        Assert.That(address.GetProperty("soapType").GetString(), Is.EqualTo("urn:address"));
        Assert.That(address.GetProperty("createable").GetBoolean(), Is.False);
        Assert.That(address.GetProperty("updateable").GetBoolean(), Is.False);
        Assert.That(address.GetProperty("compoundFieldName").ValueKind, Is.EqualTo(JsonValueKind.Null));
        var parts = fields.Values.Where(f => f.GetProperty("compoundFieldName").GetString() == compound)
            .Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.That(parts, Is.EquivalentTo(components));
        Assert.That(parts.All(p => fields[p!].GetProperty("createable").GetBoolean()), Is.True, "the components are what a load writes");
        Assert.That(fields[components[5]].GetProperty("type").GetString(), Is.EqualTo("double"), "latitude");
        Assert.That(fields[components[5]].GetProperty("scale").GetInt32(), Is.EqualTo(15));
    }

    [Test]
    public async Task A_person_name_is_a_compound_of_first_and_last_name()
    {
        var fields = await FieldsAsync("Contact");

        Assert.That(fields["Name"].GetProperty("createable").GetBoolean(), Is.False);
        Assert.That(fields["Name"].GetProperty("nameField").GetBoolean(), Is.True);
        Assert.That(fields["FirstName"].GetProperty("compoundFieldName").GetString(), Is.EqualTo("Name"));
        Assert.That(fields["LastName"].GetProperty("nillable").GetBoolean(), Is.False);
    }

    [TestCase("Task")]
    [TestCase("Event")]
    public async Task An_activity_points_at_what_and_who_through_polymorphic_lookups(string objectName)
    {
        var fields = await FieldsAsync(objectName);

        var what = fields["WhatId"];
        Assert.That(what.GetProperty("polymorphicForeignKey").GetBoolean(), Is.True);
        Assert.That(what.GetProperty("relationshipName").GetString(), Is.EqualTo("What"));
        Assert.That(ReferenceTo(what), Is.SupersetOf(new[] { "Account", "Asset", "Campaign", "Case", "Opportunity", "Order", "Product2" }));
        var who = fields["WhoId"];
        Assert.That(who.GetProperty("polymorphicForeignKey").GetBoolean(), Is.True);
        Assert.That(who.GetProperty("relationshipName").GetString(), Is.EqualTo("Who"));
        Assert.That(ReferenceTo(who), Is.EqualTo(new[] { "Contact", "Lead" }));
        Assert.That(fields["OwnerId"].GetProperty("defaultedOnCreate").GetBoolean(), Is.True);
    }

    [Test]
    public async Task A_task_may_be_owned_by_a_user_or_a_queue()
    {
        var owner = (await FieldsAsync("Task"))["OwnerId"];

        Assert.That(ReferenceTo(owner), Is.EqualTo(new[] { "Group", "User" }));
        Assert.That(owner.GetProperty("polymorphicForeignKey").GetBoolean(), Is.True);
    }

    [Test]
    public async Task Task_status_and_priority_default_to_their_standard_values()
    {
        var fields = await FieldsAsync("Task");

        string? Default(string field) => fields[field].GetProperty("picklistValues").EnumerateArray()
            .Where(v => v.GetProperty("defaultValue").GetBoolean()).Select(v => v.GetProperty("value").GetString()).SingleOrDefault();
        Assert.That(Default("Status"), Is.EqualTo("Not Started"));
        Assert.That(Default("Priority"), Is.EqualTo("Normal"));
        Assert.That(fields["Status"].GetProperty("nillable").GetBoolean(), Is.False);
        Assert.That(fields["Subject"].GetProperty("type").GetString(), Is.EqualTo("combobox"));
    }

    [Test]
    public async Task Account_offers_its_record_types_and_defaults_to_the_first()
    {
        var infos = (await GetJson($"{V}/sobjects/Account/describe")).GetProperty("recordTypeInfos").EnumerateArray().ToList();

        Assert.That(infos.Select(i => i.GetProperty("developerName").GetString()), Is.EqualTo(new[] { "Customer", "Partner", "Master" }));
        Assert.That(infos[0].GetProperty("recordTypeId").GetString(), Is.EqualTo("012000000000001AAA"));
        Assert.That(infos[0].GetProperty("defaultRecordTypeMapping").GetBoolean(), Is.True);
        Assert.That(infos[1].GetProperty("recordTypeId").GetString(), Is.EqualTo("012000000000002AAA"));
        Assert.That(infos[2].GetProperty("available").GetBoolean(), Is.False, "Master is not offered beside record types of the object's own");
    }

    [TestCase("Lead")]
    [TestCase("Case")]
    [TestCase("Order")]
    public async Task Queue_ownable_objects_take_a_user_or_a_queue_as_owner(string objectName)
    {
        var owner = (await FieldsAsync(objectName))["OwnerId"];

        Assert.That(ReferenceTo(owner), Is.EqualTo(new[] { "Group", "User" }));
        Assert.That(owner.GetProperty("polymorphicForeignKey").GetBoolean(), Is.True);
        Assert.That(owner.GetProperty("defaultedOnCreate").GetBoolean(), Is.True);
    }

    [Test]
    public async Task Opportunity_keeps_the_demo_external_id_and_the_standard_stages()
    {
        var fields = await FieldsAsync("Opportunity");

        Assert.That(fields["External_Id__c"].GetProperty("externalId").GetBoolean(), Is.True);
        Assert.That(fields["StageName"].GetProperty("picklistValues").EnumerateArray().Select(v => v.GetProperty("value").GetString()),
            Does.Contain("Needs Analysis").And.Contain("Closed Won"));
        Assert.That(ReferenceTo(fields["Pricebook2Id"]), Is.EqualTo(new[] { "Pricebook2" }));
    }

    [Test]
    public async Task A_line_item_belongs_to_its_opportunity()
    {
        var describe = await GetJson($"{V}/sobjects/Opportunity/describe");
        var fields = await FieldsAsync("OpportunityLineItem");

        Assert.That(fields["OpportunityId"].GetProperty("cascadeDelete").GetBoolean(), Is.True);
        Assert.That(fields["OpportunityId"].GetProperty("updateable").GetBoolean(), Is.False);
        Assert.That(fields["Quantity"].GetProperty("nillable").GetBoolean(), Is.False);
        Assert.That(describe.GetProperty("childRelationships").EnumerateArray().Select(c => c.GetProperty("relationshipName").GetString()),
            Does.Contain("OpportunityLineItems"));
    }

    [Test]
    public async Task Case_picklists_carry_their_standard_values_and_defaults()
    {
        var fields = await FieldsAsync("Case");

        IEnumerable<string?> Values(string field) => fields[field].GetProperty("picklistValues").EnumerateArray().Select(v => v.GetProperty("value").GetString());
        Assert.That(Values("Origin"), Is.EqualTo(new[] { "Phone", "Email", "Web" }));
        Assert.That(Values("Priority"), Is.EqualTo(new[] { "High", "Medium", "Low" }));
        Assert.That(fields["Status"].GetProperty("defaultedOnCreate").GetBoolean(), Is.True);
    }

    [Test]
    public async Task A_lead_inserted_without_status_or_owner_gets_both()
    {
        var run = await RunJobAsync("Lead", "insert", "LastName,Company,City\nLovelace,Analytical Engines,London\n");
        var lead = (await QueryAsync("SELECT Status, OwnerId, City FROM Lead")).Single();

        Assert.That(run.Failed, Is.Zero);
        Assert.That(lead["Status"].GetString(), Is.EqualTo("Open - Not Contacted"));
        Assert.That(lead["OwnerId"].GetString(), Is.EqualTo("005000000000001AAA"));
        Assert.That(lead["City"].GetString(), Is.EqualTo("London"));
    }
}

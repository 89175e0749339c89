using System.Text.Json;
using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Rest;

/// <summary>Describe answers what a real describe carries: every field property, child relationships, the Master record type.</summary>
public sealed class DescribeTests : EmulatorFixture
{
    // The properties of a field in a real describe (v60+), in the order the API writes them.
    private static readonly string[] FieldProperties =
    [
        "aggregatable", "autoNumber", "byteLength", "calculated", "calculatedFormula", "cascadeDelete", "caseSensitive",
        "compoundFieldName", "controllerName", "createable", "custom", "defaultValue", "defaultValueFormula", "defaultedOnCreate",
        "dependentPicklist", "deprecatedAndHidden", "digits", "displayLocationInDecimal", "encrypted", "externalId", "extraTypeInfo",
        "filterable", "filteredLookupInfo", "groupable", "highScaleNumber", "htmlFormatted", "idLookup", "inlineHelpText", "label",
        "length", "mask", "maskType", "name", "nameField", "namePointing", "nillable", "permissionable", "picklistValues",
        "polymorphicForeignKey", "precision", "queryByDistance", "referenceTargetField", "referenceTo", "relationshipName",
        "relationshipOrder", "restrictedDelete", "restrictedPicklist", "scale", "searchPrefilterable", "soapType", "sortable", "type",
        "unique", "updateable", "writeRequiresMasterRead",
    ];

    private async Task<Dictionary<string, JsonElement>> FieldsAsync(string objectName) =>
        (await GetJson($"{V}/sobjects/{objectName}/describe")).GetProperty("fields").EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!);

    [Test]
    public async Task Every_field_carries_every_property_in_the_real_order()
    {
        foreach (var (name, field) in await FieldsAsync("Contact"))
            Assert.That(field.EnumerateObject().Select(p => p.Name), Is.EqualTo(FieldProperties), name);
    }

    [Test]
    public async Task Ids_and_references_are_18_bytes_and_text_3_bytes_a_character()
    {
        var fields = await FieldsAsync("Contact");

        Assert.That(fields["Id"].GetProperty("byteLength").GetInt32(), Is.EqualTo(18));
        Assert.That(fields["AccountId"].GetProperty("byteLength").GetInt32(), Is.EqualTo(18));
        Assert.That(fields["LastName"].GetProperty("byteLength").GetInt32(), Is.EqualTo(240));
        Assert.That(fields["Birthdate"].GetProperty("byteLength").GetInt32(), Is.Zero);
        Assert.That(fields["Description"].GetProperty("extraTypeInfo").GetString(), Is.EqualTo("plaintextarea"));
        Assert.That(fields["LastName"].GetProperty("compoundFieldName").GetString(), Is.EqualTo("Name"));
        Assert.That(fields["Birthdate"].GetProperty("compoundFieldName").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task A_parent_lists_the_lookups_that_point_at_it()
    {
        var describe = await GetJson($"{V}/sobjects/Account/describe");
        var children = describe.GetProperty("childRelationships").EnumerateArray()
            .Select(c => (c.GetProperty("childSObject").GetString(), c.GetProperty("field").GetString(), c.GetProperty("relationshipName").GetString()))
            .ToList();

        Assert.That(children, Is.SupersetOf(new[]
        {
            ("Account", "ParentId", "ChildAccounts"),
            ("Contact", "AccountId", "Contacts"),
            ("Event", "WhatId", "Events"),
            ("Invoice__c", "Account__c", "Invoices__r"),
            ("Opportunity", "AccountId", "Opportunities"),
            ("Task", "WhatId", "Tasks"),
        }));
        Assert.That(children, Is.EqualTo(children.OrderBy(c => c.Item1, StringComparer.Ordinal).ThenBy(c => c.Item2, StringComparer.Ordinal)),
            "by child object, then field");
        var contacts = describe.GetProperty("childRelationships")[children.IndexOf(("Contact", "AccountId", "Contacts"))];
        Assert.That(contacts.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
        {
            "cascadeDelete", "childSObject", "deprecatedAndHidden", "field", "junctionIdListNames", "junctionReferenceTo",
            "relationshipName", "restrictedDelete",
        }));
    }

    [Test]
    public async Task Every_object_has_the_Master_record_type()
    {
        var recordTypes = (await GetJson($"{V}/sobjects/Invoice__c/describe")).GetProperty("recordTypeInfos");

        Assert.That(recordTypes.GetArrayLength(), Is.EqualTo(1));
        Assert.That(recordTypes[0].GetProperty("master").GetBoolean(), Is.True);
        Assert.That(recordTypes[0].GetProperty("developerName").GetString(), Is.EqualTo("Master"));
        Assert.That(recordTypes[0].GetProperty("recordTypeId").GetString(), Is.EqualTo("012000000000000AAA"));
        Assert.That(recordTypes[0].GetProperty("defaultRecordTypeMapping").GetBoolean(), Is.True);
    }

    [TestCase("Opportunity", "Opportunities")]
    [TestCase("Account", "Accounts")]
    [TestCase("Invoice__c", "Invoices")]
    public async Task Plural_labels_are_english_plurals(string objectName, string plural)
    {
        var describe = await GetJson($"{V}/sobjects/{objectName}/describe");

        Assert.That(describe.GetProperty("labelPlural").GetString(), Is.EqualTo(plural));
    }
}

using Microsoft.Extensions.Logging;
using TargetSalesforce.Destination;
using TargetSalesforce.Salesforce.Describe;

namespace TargetSalesforce.Tests.Salesforce.Describe;

public class FieldMapperTests
{
    private static readonly ObjectDescribe Contact = DescribeParser.Parse(FieldSpec.Describe("Contact",
        FieldSpec.Id,
        new FieldSpec("LastName", Nillable: false),
        new FieldSpec("FirstName"),
        new FieldSpec("Email", "email"),
        new FieldSpec("Name", Createable: false, Updateable: false),
        new FieldSpec("CreatedDate", "datetime", Createable: false, Updateable: false, Nillable: false, DefaultedOnCreate: true),
        new FieldSpec("Legacy_Code__c", Createable: true, Updateable: false),
        new FieldSpec("External_Id__c", ExternalId: true),
        new FieldSpec("AccountId", "reference", RelationshipName: "Account", ReferenceTo: ["Account"]),
        new FieldSpec("Status__c", Nillable: false)), "test");

    private static readonly ObjectDescribe Account = DescribeParser.Parse(FieldSpec.Describe("Account",
        FieldSpec.Id, new FieldSpec("Name", Nillable: false, IdLookup: true), new FieldSpec("Account_Ext__c", ExternalId: true)), "test");

    private static (FieldMap Map, CapturingLoggerProvider Log) MapStream(LoadAction action, string[] properties, string key = "Id",
        bool failOnUnknownFields = false)
    {
        var (factory, log) = CapturingLoggerProvider.Create();
        var mapper = new FieldMapper(failOnUnknownFields, factory.CreateLogger("test"));
        var map = mapper.MapAsync(new ObjectOperation("contact", action, key), new StreamShape("contacts", properties, []), Contact,
            name => Task.FromResult(name == "Account" ? Account : throw new InvalidOperationException(name))).GetAwaiter().GetResult();
        return (map, log);
    }

    [Test]
    public void Columns_are_the_exact_describe_names_in_stream_order()
    {
        var (map, _) = MapStream(LoadAction.Insert, ["email", "lastname", "STATUS__C"]);

        Assert.That(map.Headers, Is.EqualTo(new[] { "Email", "LastName", "Status__c" }));
        Assert.That(map.ObjectName, Is.EqualTo("Contact"));
        Assert.That(map.KeyColumn, Is.EqualTo(-1));
    }

    [Test]
    public void Unknown_properties_are_dropped_with_one_warning_naming_them()
    {
        var (map, log) = MapStream(LoadAction.Insert, ["LastName", "Status__c", "shoe_size", "favourite_colour"]);

        Assert.That(map.Headers, Is.EqualTo(new[] { "LastName", "Status__c" }));
        var warnings = log.At(LogLevel.Warning).ToList();
        Assert.That(warnings, Has.Count.EqualTo(1));
        Assert.That(warnings[0], Does.Contain("shoe_size").And.Contain("favourite_colour"));
    }

    [Test]
    public void A_stream_mapped_again_after_a_new_schema_warns_only_of_properties_not_warned_about_before()
    {
        var (factory, log) = CapturingLoggerProvider.Create();
        var mapper = new FieldMapper(false, factory.CreateLogger("test"));
        Task<ObjectDescribe> Parents(string name) => Task.FromResult(Account);
        mapper.MapAsync(new ObjectOperation("contact", LoadAction.Insert, "Id"), new StreamShape("contacts", ["LastName", "updated_at"], []), Contact, Parents)
            .GetAwaiter().GetResult();
        mapper.MapAsync(new ObjectOperation("contact", LoadAction.Insert, "Id"), new StreamShape("contacts", ["LastName", "updated_at", "Status__c"], []), Contact, Parents)
            .GetAwaiter().GetResult();

        Assert.That(log.At(LogLevel.Warning).Count(w => w.Contains("updated_at", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public void Unknown_properties_fail_the_stream_when_the_policy_says_so()
    {
        var error = Assert.Throws<LoadConfigurationException>(() => MapStream(LoadAction.Insert, ["LastName", "shoe_size"], failOnUnknownFields: true));
        Assert.That(error!.Message, Does.Contain("shoe_size").And.Contain("contacts"));
    }

    [Test]
    public void Fields_the_action_cannot_write_are_dropped_with_one_warning()
    {
        var (insert, insertLog) = MapStream(LoadAction.Insert, ["Id", "LastName", "Status__c", "Name", "Legacy_Code__c"]);
        var (update, updateLog) = MapStream(LoadAction.Update, ["Id", "LastName", "Name", "Legacy_Code__c"]);

        Assert.That(insert.Headers, Is.EqualTo(new[] { "LastName", "Status__c", "Legacy_Code__c" }));
        Assert.That(insertLog.At(LogLevel.Warning).Single(), Does.Contain("Id, Name").And.Contain("insert"));
        Assert.That(update.Headers, Is.EqualTo(new[] { "Id", "LastName" }));
        Assert.That(update.KeyColumn, Is.EqualTo(0));
        Assert.That(updateLog.At(LogLevel.Warning).Single(), Does.Contain("Name, Legacy_Code__c").And.Contain("update"));
    }

    [Test]
    public void Required_fields_missing_from_the_stream_are_warned_about_once_at_the_start()
    {
        var (_, log) = MapStream(LoadAction.Insert, ["FirstName", "Email"]);

        var warning = log.At(LogLevel.Warning).Single();
        Assert.That(warning, Does.Contain("LastName").And.Contain("Status__c").And.Not.Contain("CreatedDate"));
    }

    [Test]
    public void Upsert_needs_an_external_id_or_id_lookup_key()
    {
        var (map, _) = MapStream(LoadAction.Upsert, ["LastName", "Status__c", "external_id__c"], key: "External_Id__c");
        Assert.That(map.Headers[map.KeyColumn], Is.EqualTo("External_Id__c"));

        var notKey = Assert.Throws<LoadConfigurationException>(() => MapStream(LoadAction.Upsert, ["Email"], key: "Email"));
        Assert.That(notKey!.Message, Does.Contain("'Email'").And.Contain("External ID"));

        var missing = Assert.Throws<LoadConfigurationException>(() => MapStream(LoadAction.Upsert, ["Email"], key: "Nope__c"));
        Assert.That(missing!.Message, Does.Contain("'Nope__c'").And.Contain("not a field"));
    }

    [Test]
    public void Upsert_on_id_keeps_the_id_column_although_id_is_not_writable()
    {
        var (map, log) = MapStream(LoadAction.Upsert, ["Id", "LastName", "Status__c"], key: "Id");

        Assert.That(map.Headers, Is.EqualTo(new[] { "Id", "LastName", "Status__c" }));
        Assert.That(map.KeyColumn, Is.EqualTo(0));
        Assert.That(log.At(LogLevel.Warning), Is.Empty);
    }

    [TestCase(LoadAction.Delete)]
    [TestCase(LoadAction.HardDelete)]
    public void Deletes_send_only_the_id(LoadAction action)
    {
        var (map, _) = MapStream(action, ["LastName", "id", "Email"]);

        Assert.That(map.Headers, Is.EqualTo(new[] { "Id" }));
        Assert.That(map.Columns[0].Property, Is.EqualTo("id"));
    }

    [TestCase(LoadAction.Delete)]
    [TestCase(LoadAction.Update)]
    public void Actions_keyed_by_id_need_an_id_property(LoadAction action)
    {
        var error = Assert.Throws<LoadConfigurationException>(() => MapStream(action, ["LastName"]));
        Assert.That(error!.Message, Does.Contain("`Id`"));
    }

    [Test]
    public void A_relationship_property_becomes_a_relationship_column_checked_against_the_parent()
    {
        var (dotted, _) = MapStream(LoadAction.Insert, ["LastName", "Status__c", "account.name"]);
        var (bare, _) = MapStream(LoadAction.Insert, ["LastName", "Status__c", "Account"]);

        Assert.That(dotted.Headers, Is.EqualTo(new[] { "LastName", "Status__c", "Account.Name" }));
        Assert.That(dotted.Columns[2].Property, Is.EqualTo("account"));
        Assert.That(bare.Headers[2], Is.EqualTo("Account.Account_Ext__c"), "the parent's one External ID field");

        var error = Assert.Throws<LoadConfigurationException>(() => MapStream(LoadAction.Insert, ["Account.Phone"]));
        Assert.That(error!.Message, Does.Contain("Account.Phone").And.Contain("External ID"));
    }
}

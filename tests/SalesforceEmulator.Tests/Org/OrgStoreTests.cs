using SalesforceEmulator.Org;

namespace SalesforceEmulator.Tests.Org;

public sealed class OrgStoreTests
{
    [Test]
    public void The_default_org_has_the_documented_objects_and_system_fields()
    {
        var org = OrgStore.Load(new EmulatorOptions());

        foreach (var name in new[] { "Account", "Contact", "Lead", "Opportunity", "Invoice__c", "User", "Organization" })
        {
            var schema = org.Find(name)!.Schema;
            Assert.That(schema.Fields[0].Name, Is.EqualTo("Id"), name);
            foreach (var system in new[] { "CreatedDate", "LastModifiedDate", "IsDeleted" })
                Assert.That(schema.FindField(system), Has.Property("Createable").False.And.Property("Updateable").False, $"{name}.{system}");
        }
        Assert.That(org.Find("Opportunity")!.Schema.Fields.Where(f => f.RequiredOnCreate).Select(f => f.Name),
            Is.EquivalentTo(new[] { "Name", "StageName", "CloseDate" }));
        Assert.That(org.FindUserId("admin@emulator.local"), Does.StartWith("005"));
        Assert.That(org.OrganizationId, Does.StartWith("00D000000000001"));
    }

    [Test]
    public void A_custom_org_file_is_loaded()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{"objects":[{"name":"Thing__c","keyPrefix":"a09","fields":[{"name":"Size__c","type":"int"}]}]}""");

            var org = OrgStore.Load(new EmulatorOptions { OrgFile = path });

            Assert.That(org.Find("thing__c")!.Schema.FindField("size__c")!.Type, Is.EqualTo(FieldType.Int));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase("""{"objects":[{"name":"T__c","keyPrefix":"a09","fields":[{"name":"X__c","type":"blob"}]}]}""", "T__c.X__c: unknown field type 'blob'")]
    [TestCase("""{"objects":[{"name":"T__c","keyPrefix":"a9","fields":[]}]}""", "keyPrefix must be 3")]
    [TestCase("""{"objects":[{"name":"T__c","keyPrefix":"a09","fields":[],"records":[{"Nope":"1"}]}]}""", "T__c record 1: no field Nope")]
    [TestCase("""{"objects":[{"name":"T__c","keyPrefix":"a09","fieldz":[]}]}""", "is not valid")]
    public void A_bad_org_file_is_reported_with_where(string json, string message)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, json);

            var error = Assert.Throws<InvalidDataException>(() => OrgStore.Load(new EmulatorOptions { OrgFile = path }));

            Assert.That(error!.Message, Does.Contain(message));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Reset_restores_the_seed_records_only()
    {
        var org = OrgStore.Load(new EmulatorOptions());
        var accounts = org.Find("Account")!;
        lock (accounts.SyncRoot)
            accounts.Insert(new string?[accounts.Schema.Fields.Count]);

        org.Reset();

        Assert.That(accounts.SnapshotLive(), Is.Empty);
        Assert.That(org.Find("User")!.SnapshotLive(), Has.Count.EqualTo(2));
    }
}

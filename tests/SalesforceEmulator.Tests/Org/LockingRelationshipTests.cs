using SalesforceEmulator.Org;

namespace SalesforceEmulator.Tests.Org;

/// <summary>Which references lock their parent while a row is saved: Salesforce's defaults, and what an org file declares.</summary>
public sealed class LockingRelationshipTests
{
    [Test]
    public void Account_lookups_of_Contact_and_Opportunity_lock_by_default_and_a_custom_lookup_does_not()
    {
        var org = OrgStore.Load(new EmulatorOptions());

        Assert.That(org.Find("Contact")!.Schema.FindField("AccountId")!.LocksParent, Is.True);
        Assert.That(org.Find("Opportunity")!.Schema.FindField("AccountId")!.LocksParent, Is.True);
        Assert.That(org.Find("Invoice__c")!.Schema.FindField("Account__c")!.LocksParent, Is.False);
        Assert.That(org.Find("Contact")!.Schema.FindField("LastName")!.LocksParent, Is.False, "not a reference");
    }

    [Test]
    public void An_org_file_declares_master_detail_fields_locks_and_trigger_costs()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """
                {"objects":[
                  {"name":"Account","keyPrefix":"001","fields":[{"name":"Name","type":"string"}]},
                  {"name":"Line__c","keyPrefix":"a09","triggerMillisPerRow":2.5,"fields":[
                    {"name":"Order__c","type":"reference","referenceTo":["Account"],"relationshipName":"Order__r","masterDetail":true},
                    {"name":"Shop__c","type":"reference","referenceTo":["Account"],"relationshipName":"Shop__r","locksParent":true},
                    {"name":"Payer__c","type":"reference","referenceTo":["Account"],"relationshipName":"Payer__r"}]},
                  {"name":"Contact","keyPrefix":"003","fields":[
                    {"name":"AccountId","type":"reference","referenceTo":["Account"],"relationshipName":"Account","locksParent":false}]}
                ]}
                """);

            var org = OrgStore.Load(new EmulatorOptions { OrgFile = path });
            var line = org.Find("Line__c")!.Schema;

            Assert.That(line.FindField("Order__c")!.LocksParent, Is.True, "master-detail");
            Assert.That(line.FindField("Shop__c")!.LocksParent, Is.True, "declared");
            Assert.That(line.FindField("Payer__c")!.LocksParent, Is.False);
            Assert.That(org.Find("Contact")!.Schema.FindField("AccountId")!.LocksParent, Is.False, "the file overrides the default");
            Assert.That(line.Definition.TriggerMillisPerRow, Is.EqualTo(2.5));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

using TargetSalesforce.Destination;
using TargetSalesforce.Salesforce.Describe;

namespace TargetSalesforce.Tests.Salesforce.Describe;

public class TargetCheckTests
{
    private static readonly FieldDescribe Ext = new("External_Id__c", "string", true, true, true, false, true, true, null, []);
    private static readonly FieldDescribe Name = new("Name", "string", true, true, false, false, false, false, null, []);

    [TestCase(LoadAction.Insert, "createable")]
    [TestCase(LoadAction.Update, "updateable")]
    [TestCase(LoadAction.Delete, "deletable")]
    public void An_action_the_object_does_not_allow_is_a_problem(LoadAction action, string flag)
    {
        var readOnly = new ObjectDescribe("Audit__c", [Ext], createable: false, updateable: false, deletable: false);

        var check = TargetCheck.Of("streams.audit", new ObjectOperation("Audit__c", action, "Id"), readOnly);

        Assert.That(check.Problem, Does.Contain($"not {flag}"));
    }

    [Test]
    public void An_upsert_key_that_is_not_an_external_id_is_a_problem_and_one_that_is_passes()
    {
        var contact = new ObjectDescribe("Contact", [Ext, Name]);

        Assert.That(TargetCheck.Of("s", new ObjectOperation("Contact", LoadAction.Upsert, "Name"), contact).Problem, Does.Contain("not an External ID"));
        Assert.That(TargetCheck.Of("s", new ObjectOperation("Contact", LoadAction.Upsert, "Nope__c"), contact).Problem, Does.Contain("not a field"));
        Assert.That(TargetCheck.Of("s", new ObjectOperation("Contact", LoadAction.Upsert, "external_id__c"), contact).Problem, Is.Null);
    }
}

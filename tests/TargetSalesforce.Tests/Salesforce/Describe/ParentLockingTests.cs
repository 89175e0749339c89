using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading.Buffering;
using TargetSalesforce.Salesforce.Csv;
using TargetSalesforce.Salesforce.Describe;
using TargetSalesforce.Singer;

namespace TargetSalesforce.Tests.Salesforce.Describe;

/// <summary>
/// Which columns lock a parent (master-detail from describe; Contact, Opportunity and Case by AccountId), and the
/// parent each encoded row names, by Id or by external id.
/// </summary>
public class ParentLockingTests
{
    private static readonly ObjectDescribe Account = DescribeParser.Parse(FieldSpec.Describe("Account",
        FieldSpec.Id, new FieldSpec("Name", Nillable: false), new FieldSpec("External_Id__c", ExternalId: true)), "test");

    private static ObjectDescribe Child(string name, params FieldSpec[] fields) =>
        DescribeParser.Parse(FieldSpec.Describe(name, [FieldSpec.Id, new FieldSpec("Name"), .. fields]), "test");

    private static FieldMap Map(ObjectDescribe describe, params string[] properties) =>
        new FieldMapper(false, NullLogger.Instance).MapAsync(new ObjectOperation(describe.Name, LoadAction.Insert, "Id"),
            new StreamShape("s", properties, []), describe, _ => Task.FromResult(Account)).GetAwaiter().GetResult();

    private static string? ParentLock(FieldMap map, string json) =>
        new RecordEncoder(map).Encode(new SingerRecordView(JsonLine.ParseRecord(json))).ParentLock;

    [Test]
    public void A_Contact_locks_its_Account_by_Id_or_by_external_id_and_a_plain_lookup_locks_nothing()
    {
        var contact = Child("Contact",
            new FieldSpec("AccountId", "reference", RelationshipName: "Account", ReferenceTo: ["Account"]),
            new FieldSpec("Referrer__c", "reference", RelationshipName: "Referrer__r", ReferenceTo: ["Account"]));

        var byId = Map(contact, "Name", "AccountId", "Referrer__c");
        var byKey = Map(contact, "Name", "Account");

        Assert.That(byId.LockColumns, Is.EqualTo(new[] { 1 }));
        Assert.That(ParentLock(byId, """{"Name":"a","AccountId":"001000000000001AAA","Referrer__c":"001000000000002AAA"}"""),
            Is.EqualTo("Account.Id=001000000000001"), "both lengths of an Id name one parent");
        Assert.That(ParentLock(byKey, """{"Name":"a","Account":{"External_Id__c":"ACME-1"}}"""), Is.EqualTo("Account.External_Id__c=ACME-1"));
        Assert.That(ParentLock(byId, """{"Name":"a"}"""), Is.Null);
    }

    [Test]
    public void A_master_detail_field_locks_its_master_on_any_object_and_an_Account_lookup_elsewhere_does_not()
    {
        var line = Child("Line__c",
            new FieldSpec("Order__c", "reference", RelationshipName: "Order__r", ReferenceTo: ["Account"], MasterDetail: true),
            new FieldSpec("AccountId", "reference", RelationshipName: "Account", ReferenceTo: ["Account"]));

        var map = Map(line, "Order__c", "AccountId");

        Assert.That(line.Field("Order__c")!.MasterDetail, Is.True);
        Assert.That(map.LockColumns, Is.EqualTo(new[] { 0 }), "AccountId locks by name on Contact, Opportunity and Case only");
        Assert.That(Encoding.UTF8.GetString(new RecordEncoder(map).Encode(new SingerRecordView(JsonLine.ParseRecord("""{"Order__c":"001000000000003"}"""))).Row.Span),
            Is.EqualTo("001000000000003,\n"));
    }
}

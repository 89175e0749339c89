using System.Text;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading.Buffering;
using TargetSalesforce.Loading.Shaping;
using TargetSalesforce.Salesforce.Collections;
using TargetSalesforce.Salesforce.Csv;
using TargetSalesforce.Salesforce.Describe;
using TargetSalesforce.Singer;

namespace TargetSalesforce.Tests.Salesforce.Describe;

/// <summary>An address or geolocation object written as its component fields, found by describe's compoundFieldName.</summary>
public class CompoundFieldTests
{
    private static readonly ObjectDescribe Account = DescribeParser.Parse(FieldSpec.Describe("Account",
        FieldSpec.Id,
        new FieldSpec("Name", Nillable: false),
        new FieldSpec("BillingAddress", "address", Createable: false, Updateable: false),
        new FieldSpec("BillingStreet", "textarea", CompoundFieldName: "BillingAddress"),
        new FieldSpec("BillingCity", CompoundFieldName: "BillingAddress"),
        new FieldSpec("BillingState", CompoundFieldName: "BillingAddress"),
        new FieldSpec("BillingStateCode", "picklist", CompoundFieldName: "BillingAddress"),
        new FieldSpec("BillingPostalCode", CompoundFieldName: "BillingAddress"),
        new FieldSpec("BillingCountry", CompoundFieldName: "BillingAddress"),
        new FieldSpec("BillingLatitude", "double", CompoundFieldName: "BillingAddress"),
        new FieldSpec("BillingLongitude", "double", CompoundFieldName: "BillingAddress"),
        new FieldSpec("Location__c", "location", Createable: false, Updateable: false),
        new FieldSpec("Location__Latitude__s", "double", CompoundFieldName: "Location__c"),
        new FieldSpec("Location__Longitude__s", "double", CompoundFieldName: "Location__c")), "test");

    private static (FieldMap Map, CapturingLoggerProvider Log) Map(params string[] properties) =>
        Map(new StreamShape("companies", ["Id", .. properties], []));

    private static (FieldMap Map, CapturingLoggerProvider Log) Map(StreamShape shape)
    {
        var (factory, log) = CapturingLoggerProvider.Create();
        var map = new FieldMapper(false, factory.CreateLogger("test"))
            .MapAsync(new ObjectOperation("Account", LoadAction.Update, "Id"), shape, Account,
                _ => throw new InvalidOperationException())
            .GetAwaiter().GetResult();
        return (map, log);
    }

    private static EncodedRecord Encode(FieldMap map, string json) =>
        new RecordEncoder(map).Encode(new SingerRecordView(JsonLine.ParseRecord(json)));

    private static string Row(FieldMap map, string json)
    {
        var encoded = Encode(map, json);
        Assert.That(encoded.IsRejected, Is.False, encoded.Rejection?.Message);
        return Encoding.UTF8.GetString(encoded.Row.Span).TrimEnd('\n');
    }

    [TestCase("BillingPostalCode", "PostalCode")]
    [TestCase("BillingStateCode", "StateCode")]
    [TestCase("Location__Latitude__s", "Latitude")]
    public void A_component_is_named_by_what_follows_its_compound_fields_name(string component, string part)
    {
        var compound = component.StartsWith("Billing", StringComparison.Ordinal) ? "BillingAddress" : "Location__c";
        Assert.That(CompoundComponents.PartName(compound, component), Is.EqualTo(part));
        Assert.That(CompoundComponents.PartName("Address", "Street"), Is.EqualTo("Street"), "Lead's Address has components without a prefix");
    }

    [Test]
    public void An_address_object_whose_keys_the_schema_does_not_list_writes_every_component()
    {
        var (map, _) = Map("BillingAddress");

        Assert.That(map.Headers, Is.EqualTo(new[]
        {
            "Id", "BillingStreet", "BillingCity", "BillingState", "BillingStateCode", "BillingPostalCode", "BillingCountry", "BillingLatitude", "BillingLongitude",
        }));
        Assert.That(Row(map, """{"Id":"001000000000001AAA","BillingAddress":{"STREET":"1 Main St","city":"Springfield","postalCode":"12345","country":"US","latitude":39.78}}"""),
            Is.EqualTo("001000000000001AAA,1 Main St,Springfield,,,12345,US,39.78,"),
            "keys ignore case; a missing key leaves its component as it is");
    }

    [Test]
    public void Salesforces_own_component_names_are_read_too()
    {
        var (map, _) = Map("BillingAddress");

        Assert.That(Row(map, """{"Id":"001000000000001AAA","BillingAddress":{"BillingCity":"Springfield"}}"""),
            Is.EqualTo("001000000000001AAA,,Springfield,,,,,,"));
    }

    [Test]
    public void Listed_keys_write_their_components_and_a_key_with_none_is_an_unknown_property()
    {
        var (map, log) = Map("BillingAddress.street", "BillingAddress.BillingCity", "BillingAddress.floor", "Location__c.latitude");

        Assert.That(map.Headers, Is.EqualTo(new[] { "Id", "BillingStreet", "BillingCity", "Location__Latitude__s" }));
        Assert.That(log.At(LogLevel.Warning).Single(), Does.Contain("no field for").And.Contain("BillingAddress.floor"));
        Assert.That(Row(map, """{"Id":"001000000000001AAA","BillingAddress":{"street":"1 Main St","BillingCity":"Springfield","floor":3},"Location__c":{"latitude":51.5}}"""),
            Is.EqualTo("001000000000001AAA,1 Main St,Springfield,51.5"));
    }

    [Test]
    public void A_field_map_may_name_the_compound_field_and_reports_an_unknown_key_under_the_property()
    {
        var renames = new FieldRenames(new Dictionary<string, string?> { ["addr"] = "BillingAddress" });
        var (map, log) = Map(renames.Apply(new StreamShape("companies", ["Id", "addr.street", "addr.floor"], [])));

        Assert.That(map.Headers, Is.EqualTo(new[] { "Id", "BillingStreet" }));
        Assert.That(log.At(LogLevel.Warning).Single(), Does.Contain("addr.floor"));
        var record = new RenamedRecordView(renames).Over(new SingerRecordView(JsonLine.ParseRecord("""{"Id":"001000000000001AAA","addr":{"street":"2 High St"}}""")));
        Assert.That(Encoding.UTF8.GetString(new RecordEncoder(map).Encode(record).Row.Span), Is.EqualTo("001000000000001AAA,2 High St\n"));
    }

    [Test]
    public void A_null_address_clears_its_components_and_a_scalar_is_a_failed_record()
    {
        var (map, _) = Map("BillingAddress.street", "BillingAddress.city");

        Assert.That(Row(map, """{"Id":"001000000000001AAA","BillingAddress":null}"""), Is.EqualTo("001000000000001AAA,#N/A,#N/A"));
        var rejected = Encode(map, """{"Id":"001000000000001AAA","BillingAddress":"1 Main St"}""");
        Assert.That(rejected.Rejection?.Message, Does.Contain("'BillingAddress' is a compound field").And.Contain("JSON string"));
    }

    [Test]
    public void A_persons_name_is_a_compound_only_when_the_schema_gives_it_as_an_object()
    {
        var contact = DescribeParser.Parse(FieldSpec.Describe("Contact",
            FieldSpec.Id,
            new FieldSpec("FirstName", CompoundFieldName: "Name"),
            new FieldSpec("LastName", Nillable: false, CompoundFieldName: "Name"),
            new FieldSpec("Name", Createable: false, Updateable: false)), "test");
        FieldMap MapContact(params string[] properties) => new FieldMapper(false, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance)
            .MapAsync(new ObjectOperation("Contact", LoadAction.Insert, "Id"), new StreamShape("people", properties, []), contact, _ => throw new InvalidOperationException())
            .GetAwaiter().GetResult();

        Assert.That(MapContact("Name", "LastName").Headers, Is.EqualTo(new[] { "LastName" }), "a plain Name is the read-only field, dropped");
        Assert.That(MapContact("Name.firstname", "Name.LastName").Headers, Is.EqualTo(new[] { "FirstName", "LastName" }));
    }

    [Test]
    public void By_REST_the_components_are_plain_fields()
    {
        var (map, _) = Map("BillingAddress.street", "BillingAddress.latitude");

        var body = JObject.Parse(Encoding.UTF8.GetString(CollectionBody.Records(map, [["001000000000001AAA", "1 Main St", "#N/A"]])));

        var record = (JObject)body["records"]![0]!;
        Assert.That((string?)record["BillingStreet"], Is.EqualTo("1 Main St"));
        Assert.That(record["BillingLatitude"]!.Type, Is.EqualTo(JTokenType.Null));
    }
}

using System.Text;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading.Buffering;
using TargetSalesforce.Salesforce.Collections;
using TargetSalesforce.Salesforce.Csv;
using TargetSalesforce.Salesforce.Describe;
using TargetSalesforce.Singer;

namespace TargetSalesforce.Tests.Salesforce.Csv;

/// <summary>A JSON null on a field describe calls not nillable: a checkbox false, any other field untouched, told once.</summary>
public class NonNillableNullTests
{
    private static readonly ObjectDescribe Contact = DescribeParser.Parse(FieldSpec.Describe("Contact",
        FieldSpec.Id,
        new FieldSpec("LastName", Nillable: false),
        new FieldSpec("HasOptedOutOfEmail", "boolean", Nillable: false, DefaultedOnCreate: true),
        new FieldSpec("DoNotCall", "boolean", Nillable: false, DefaultedOnCreate: true),
        new FieldSpec("Newsletter__c", "boolean"),
        new FieldSpec("Title")), "test");

    private static FieldMap Map(LoadAction action) =>
        new FieldMapper(false, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance)
            .MapAsync(new ObjectOperation("Contact", action, "Id"),
                new StreamShape("people", ["Id", "LastName", "HasOptedOutOfEmail", "DoNotCall", "Newsletter__c", "Title"], []), Contact,
                _ => throw new InvalidOperationException())
            .GetAwaiter().GetResult();

    private const string AllNull = """{"Id":"003000000000001AAA","LastName":null,"HasOptedOutOfEmail":null,"DoNotCall":null,"Newsletter__c":null,"Title":null}""";

    private static string Row(RecordEncoder encoder, string json) =>
        Encoding.UTF8.GetString(encoder.Encode(new SingerRecordView(JsonLine.ParseRecord(json))).Row.Span).TrimEnd('\n');

    [Test]
    public void On_update_a_null_checkbox_is_false_another_non_nillable_field_is_untouched_and_a_nillable_one_cleared()
    {
        Assert.That(Row(new RecordEncoder(Map(LoadAction.Update)), AllNull), Is.EqualTo("003000000000001AAA,,false,false,#N/A,#N/A"));
    }

    [Test]
    public void On_insert_a_null_checkbox_is_false_too()
    {
        var map = Map(LoadAction.Insert);
        Assert.That(map.Headers, Is.EqualTo(new[] { "LastName", "HasOptedOutOfEmail", "DoNotCall", "Newsletter__c", "Title" }));
        Assert.That(Row(new RecordEncoder(map), AllNull), Is.EqualTo(",false,false,,"));
    }

    [Test]
    public void A_checkbox_with_a_value_keeps_it()
    {
        Assert.That(Row(new RecordEncoder(Map(LoadAction.Update)), """{"Id":"003000000000001AAA","HasOptedOutOfEmail":true,"LastName":"Ng"}"""),
            Is.EqualTo("003000000000001AAA,Ng,true,,,"));
    }

    [Test]
    public void One_warning_per_field_per_run_whichever_writer_met_the_null()
    {
        var (factory, log) = CapturingLoggerProvider.Create();
        var notices = new NonNillableNulls(factory.CreateLogger("test"));
        var first = new RecordEncoder(Map(LoadAction.Update), notices);
        var second = new RecordEncoder(Map(LoadAction.Update), notices);

        for (var i = 0; i < 3; i++)
        {
            Row(first, AllNull);
            Row(second, AllNull);
        }

        var warnings = log.At(LogLevel.Warning).ToList();
        Assert.That(warnings, Has.Count.EqualTo(3), string.Join("\n", warnings));
        Assert.That(warnings.Single(w => w.Contains("HasOptedOutOfEmail", StringComparison.Ordinal)), Does.Contain("write false"));
        Assert.That(warnings.Single(w => w.Contains("LastName", StringComparison.Ordinal)), Does.Contain("leave the field as it is"));
    }

    [Test]
    public void By_REST_the_checkbox_is_false_and_the_untouched_field_is_left_out()
    {
        var map = Map(LoadAction.Update);
        var cells = Row(new RecordEncoder(map), AllNull).Split(',');

        var record = (JObject)JObject.Parse(Encoding.UTF8.GetString(CollectionBody.Records(map, [cells])))["records"]![0]!;

        Assert.That(record.ContainsKey("LastName"), Is.False);
        Assert.That(record["HasOptedOutOfEmail"]!.Type, Is.EqualTo(JTokenType.Boolean));
        Assert.That((bool)record["HasOptedOutOfEmail"]!, Is.False);
        Assert.That(record["Title"]!.Type, Is.EqualTo(JTokenType.Null));
    }
}

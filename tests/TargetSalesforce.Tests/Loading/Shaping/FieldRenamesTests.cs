using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading.Buffering;
using TargetSalesforce.Loading.Shaping;
using TargetSalesforce.Salesforce.Csv;
using TargetSalesforce.Salesforce.Describe;
using TargetSalesforce.Singer;
using TargetSalesforce.Tests.Salesforce;

namespace TargetSalesforce.Tests.Loading.Shaping;

public class FieldRenamesTests
{
    private static readonly ObjectDescribe Contact = DescribeParser.Parse(FieldSpec.Describe("Contact",
        FieldSpec.Id,
        new FieldSpec("LastName", Nillable: false),
        new FieldSpec("Email", "email"),
        new FieldSpec("External_Id__c", ExternalId: true),
        new FieldSpec("AccountId", "reference", RelationshipName: "Account", ReferenceTo: ["Account"])), "test");

    private static readonly ObjectDescribe Account = DescribeParser.Parse(FieldSpec.Describe("Account",
        FieldSpec.Id, new FieldSpec("Name", Nillable: false, IdLookup: true), new FieldSpec("External_Id__c", ExternalId: true)), "test");

    private static readonly FieldRenames Renames = new(new Dictionary<string, string?>
    {
        ["email_address"] = "Email",
        ["surname"] = "LastName",
        ["company_ref"] = "Account.External_Id__c",
        ["ext"] = "External_Id__c",
        ["internal_note"] = null,
    });

    private static StreamShape Shape(params string[] properties) => new("people", properties, []);

    private static FieldMap Map(StreamShape shape, LoadAction action = LoadAction.Insert, string key = "Id") =>
        new FieldMapper(false, NullLogger.Instance)
            .MapAsync(new ObjectOperation("Contact", action, key), shape, Contact, _ => Task.FromResult(Account))
            .GetAwaiter().GetResult();

    private static string Row(FieldMap map, string json)
    {
        var view = new RenamedRecordView(Renames).Over(new SingerRecordView(JsonLine.ParseRecord(json)));
        var encoded = new RecordEncoder(map).Encode(view);
        Assert.That(encoded.IsRejected, Is.False, encoded.Rejection?.Message);
        return Encoding.UTF8.GetString(encoded.Row.Span).TrimEnd('\n');
    }

    [Test]
    public void The_shape_is_seen_under_the_mapped_names_and_a_null_target_drops_its_property()
    {
        var shape = Renames.Apply(new StreamShape("people", ["email_address", "surname", "internal_note", "Title"], ["ext", "surname"]));

        Assert.That(shape.Properties, Is.EqualTo(new[] { "Email", "LastName", "Title" }));
        Assert.That(shape.SourceOf("email"), Is.EqualTo("email_address"), "mapped names are looked up as field names are, ignoring case");
        Assert.That(shape.SourceOf("Title"), Is.Null, "an unmapped property has no source in the map");
        Assert.That(shape.KeyProperties, Is.EqualTo(new[] { "External_Id__c", "LastName" }), "a key property is renamed too");
    }

    [Test]
    public void A_nested_object_keeps_its_children_under_the_renamed_parent()
    {
        var renames = new FieldRenames(new Dictionary<string, string?> { ["company"] = "Account" });

        Assert.That(renames.Apply(Shape("company.External_Id__c", "LastName")).Properties, Is.EqualTo(new[] { "Account.External_Id__c", "LastName" }));
    }

    [Test]
    public void Mapped_fields_and_a_relationship_path_are_written_under_their_field_names()
    {
        var map = Map(Renames.Apply(Shape("surname", "email_address", "company_ref", "internal_note")));

        Assert.That(map.Headers, Is.EqualTo(new[] { "LastName", "Email", "Account.External_Id__c" }));
        Assert.That(Row(map, """{"surname":"Lovelace","email_address":"ada@example.com","company_ref":"A-1","internal_note":"x"}"""),
            Is.EqualTo("Lovelace,ada@example.com,A-1"));
    }

    [Test]
    public void A_renamed_property_no_longer_answers_to_its_own_name()
    {
        // The record's own `EMAIL` is dropped; `Email` is what the map points at: work_email.
        var renames = new FieldRenames(new Dictionary<string, string?> { ["EMAIL"] = null, ["work_email"] = "Email", ["Title"] = "Department" });
        var view = new RenamedRecordView(renames).Over(new SingerRecordView(
            JsonLine.ParseRecord("""{"EMAIL":"old@example.com","work_email":"new@example.com","Title":"Dr","title":"Prof"}""")));
        var hint = 0;

        Assert.That(view.TryFind("Email", ref hint, out var value) ? value.Text : null, Is.EqualTo("new@example.com"));
        Assert.That(view.TryFind("EMAIL", ref hint, out value) ? value.Text : null, Is.EqualTo("new@example.com"), "field names ignore case");
        Assert.That(view.TryFind("TITLE", ref hint, out value) ? value.Text : null, Is.EqualTo("Prof"), "only the unmapped `title` answers");
        Assert.That(Enumerable.Range(0, view.Count).Select(view.NameAt), Is.EqualTo(new[] { "Email", "Department", "title" }));
    }

    [Test]
    public void A_mapped_key_property_is_the_upsert_key()
    {
        var map = Map(Renames.Apply(new StreamShape("people", ["ext", "surname"], ["ext"])), LoadAction.Upsert, "External_Id__c");

        Assert.That(map.Columns[map.KeyColumn].Header, Is.EqualTo("External_Id__c"));
        Assert.That(Row(map, """{"ext":"C-9","surname":"Hopper"}"""), Is.EqualTo("C-9,Hopper"));
    }

    [Test]
    public void A_map_entry_naming_a_field_the_object_lacks_stops_the_stream_naming_the_property_and_the_nearest_fields()
    {
        var renames = new FieldRenames(new Dictionary<string, string?> { ["mail"] = "Emails" });

        var error = Assert.Throws<LoadConfigurationException>(() => Map(renames.Apply(Shape("mail", "LastName"))));

        Assert.That(error!.Message, Does.Contain("streams.people.fields").And.Contain("'mail'").And.Contain("'Emails'").And.Contain("nearest: Email"));
    }

    [Test]
    public void A_relationship_path_to_a_key_the_parent_lacks_names_the_mapped_property()
    {
        var renames = new FieldRenames(new Dictionary<string, string?> { ["company_ref"] = "Account.Extern_Id__c" });

        var error = Assert.Throws<LoadConfigurationException>(() => Map(renames.Apply(Shape("company_ref", "LastName"))));

        Assert.That(error!.Message, Does.Contain("Account.Extern_Id__c").And.Contain("'company_ref'"));
    }

    [Test]
    public void An_unmapped_unknown_property_is_still_only_dropped()
    {
        var map = Map(Renames.Apply(Shape("surname", "shoe_size")));

        Assert.That(map.Headers, Is.EqualTo(new[] { "LastName" }));
    }

    [Test]
    public void Entries_for_properties_the_schema_lacks_are_reported()
    {
        Assert.That(Renames.Unmatched(Shape("surname", "email_address", "company_ref")), Is.EquivalentTo(new[] { "ext", "internal_note" }));
    }
}

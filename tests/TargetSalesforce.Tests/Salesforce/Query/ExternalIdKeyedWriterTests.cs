using Newtonsoft.Json.Linq;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading.Buffering;
using TargetSalesforce.Salesforce;
using TargetSalesforce.Singer;
using TargetSalesforce.Tests.Salesforce.Bulk;

namespace TargetSalesforce.Tests.Salesforce.Query;

/// <summary>Deletes and updates of a stream that names its rows by an external id and carries no Id.</summary>
public class ExternalIdKeyedWriterTests
{
    private static readonly string ContactDescribe = FieldSpec.Describe("Contact",
        FieldSpec.Id, new FieldSpec("LastName", Nillable: false), new FieldSpec("External_Id__c", ExternalId: true), new FieldSpec("Email", "email"));

    private FakeBulkOrg org = null!;

    [SetUp]
    public void SetUp() => org = new FakeBulkOrg("Contact", ContactDescribe, TimeProvider.System);

    [TearDown]
    public void TearDown() => org.Dispose();

    private async Task<(IObjectWriter Writer, RowBatch Batch)> Prepare(LoadAction action, string key, string[] keyProperties, params string[] records)
    {
        var writer = await org.Connection.Loader.OpenAsync(new ObjectOperation("Contact", action, key),
            new StreamShape("contacts", ["LastName", "External_Id__c", "_sdc_deleted_at"], keyProperties), CancellationToken.None);
        var encoded = records.Select(r => writer.Encode(new SingerRecordView(FlatRecord.From(JObject.Parse(r))))).ToList();
        Assert.That(encoded.Where(e => e.IsRejected), Is.Empty);
        return (writer, new RowBatch(writer.Columns, encoded.Select(e => e.Row).ToList()));
    }

    [Test]
    public async Task A_delete_by_external_id_looks_the_Ids_up_then_deletes_them_and_reports_an_unknown_key_at_its_index()
    {
        org.Queries.Rows.AddRange([("003A", "E1", false), ("003C", "E3", false)]);
        var (writer, batch) = await Prepare(LoadAction.Delete, "External_Id__c", [],
            """{"External_Id__c":"E1"}""", """{"External_Id__c":"E2"}""", """{"External_Id__c":"E3"}""");

        var outcome = await writer.LoadAsync(batch, CancellationToken.None);

        Assert.That(writer.Encode(new SingerRecordView(FlatRecord.From(JObject.Parse("""{"External_Id__c":"E7"}""")))).Key, Is.EqualTo("E7"),
            "rows are keyed by the external id, as the upserts of the same key are");
        Assert.That(org.Queries.Jobs.Values.Single().Soql, Is.EqualTo("SELECT Id, External_Id__c, IsDeleted FROM Contact WHERE External_Id__c IN ('E1','E2','E3')"));
        var job = org.Bulk.Jobs.Values.Single();
        Assert.That((string?)job.Request["operation"], Is.EqualTo("delete"));
        Assert.That(job.Csv, Is.EqualTo("Id\n003A\n003C\n"));
        Assert.That(outcome.Failures, Is.EqualTo(new[] { new RowFailure(1, ExternalIdKeyedWriter.NotFound, outcome.Failures[0].Message) }));
        Assert.That(outcome.Failures[0].Message, Does.Contain("External_Id__c").And.Not.Contain("E2"));
    }

    [Test]
    public async Task A_failure_of_the_delete_job_is_reported_at_the_record_s_own_index()
    {
        org.Queries.Rows.AddRange([("003A", "E1", false), ("003B", "E2", false), ("003C", "E3", false)]);
        org.Bulk.Poll = job => ("JobComplete", FakeBulkApi.Counters(2, 1));
        org.Bulk.FailedResults = job => "\"sf__Id\",\"sf__Error\",Id\n\"003C\",\"ENTITY_IS_DELETED:entity is deleted:--\",\"003C\"\n";
        var (writer, batch) = await Prepare(LoadAction.Delete, "External_Id__c", [],
            """{"External_Id__c":"E9"}""", """{"External_Id__c":"E2"}""", """{"External_Id__c":"E3"}""");

        var outcome = await writer.LoadAsync(batch, CancellationToken.None);

        Assert.That(outcome.Failures.Select(f => (f.RowIndex, f.ErrorCode)),
            Is.EquivalentTo(new[] { (0, ExternalIdKeyedWriter.NotFound), (2, "ENTITY_IS_DELETED") }));
    }

    [Test]
    public async Task A_key_only_in_the_Recycle_Bin_was_deleted_already_and_two_live_rows_for_one_key_fail_the_record()
    {
        org.Queries.Rows.AddRange([("003A", "E1", true), ("003B", "E2", false), ("003C", "E2", false)]);
        var (writer, batch) = await Prepare(LoadAction.Delete, "External_Id__c", [], """{"External_Id__c":"E1"}""", """{"External_Id__c":"E2"}""");

        var outcome = await writer.LoadAsync(batch, CancellationToken.None);

        Assert.That(org.Bulk.Jobs, Is.Empty, "nothing is left to delete");
        Assert.That(outcome.Failures.Select(f => (f.RowIndex, f.ErrorCode)), Is.EqualTo(new[] { (1, ExternalIdKeyedWriter.Ambiguous) }));
    }

    [Test]
    public async Task The_stream_s_key_property_is_the_external_id_when_external_id_name_is_Id()
    {
        org.Queries.Rows.Add(("003A", "E1", false));
        var (writer, batch) = await Prepare(LoadAction.HardDelete, "Id", ["External_Id__c"], """{"External_Id__c":"E1"}""");

        await writer.LoadAsync(batch, CancellationToken.None);

        Assert.That(org.Queries.Jobs.Values.Single().Operation, Is.EqualTo("query"), "a hard delete looks at live rows only");
        Assert.That((string?)org.Bulk.Jobs.Values.Single().Request["operation"], Is.EqualTo("hardDelete"));
    }

    [Test]
    public async Task An_update_by_external_id_sends_the_found_Id_before_the_stream_s_columns_and_creates_nothing()
    {
        org.Queries.Rows.Add(("003A", "E1", false));
        var (writer, batch) = await Prepare(LoadAction.Update, "External_Id__c", [],
            """{"External_Id__c":"E1","LastName":"Ada"}""", """{"External_Id__c":"E2","LastName":"Bob"}""");

        var outcome = await writer.LoadAsync(batch, CancellationToken.None);

        var job = org.Bulk.Jobs.Values.Single();
        Assert.That((string?)job.Request["operation"], Is.EqualTo("update"));
        Assert.That(job.Csv, Is.EqualTo("Id,LastName,External_Id__c\n003A,Ada,E1\n"));
        Assert.That(outcome.Failures.Select(f => (f.RowIndex, f.ErrorCode)), Is.EqualTo(new[] { (1, ExternalIdKeyedWriter.NotFound) }));
    }

    [Test]
    public async Task A_source_table_s_own_id_column_is_no_Salesforce_Id_when_the_stream_is_keyed_by_an_external_id()
    {
        org.Queries.Rows.Add(("003A", "E1", false));
        var writer = await org.Connection.Loader.OpenAsync(new ObjectOperation("Contact", LoadAction.Delete, "External_Id__c"),
            new StreamShape("public-contacts", ["id", "External_Id__c", "LastName"], ["id"]), CancellationToken.None);
        var row = writer.Encode(new SingerRecordView(FlatRecord.From(JObject.Parse("""{"id":7,"External_Id__c":"E1"}"""))));

        await writer.LoadAsync(new RowBatch(writer.Columns, [row.Row]), CancellationToken.None);

        Assert.That(writer.Columns, Is.EqualTo(new[] { "External_Id__c" }));
        Assert.That(org.Bulk.Jobs.Values.Single().Csv, Is.EqualTo("Id\n003A\n"));
    }

    [Test]
    public async Task A_stream_that_carries_Id_and_not_the_configured_external_id_still_deletes_by_Id()
    {
        var writer = await org.Connection.Loader.OpenAsync(new ObjectOperation("Contact", LoadAction.Delete, "External_Id__c"),
            new StreamShape("contacts", ["Id", "LastName"], []), CancellationToken.None);

        Assert.That(writer.Columns, Is.EqualTo(new[] { "Id" }));
        Assert.That(writer, Is.Not.InstanceOf<ExternalIdKeyedWriter>());

        var both = await org.Connection.Loader.OpenAsync(new ObjectOperation("Contact", LoadAction.Update, "External_Id__c"),
            new StreamShape("contacts", ["Id", "External_Id__c", "LastName"], []), CancellationToken.None);
        Assert.That(both, Is.Not.InstanceOf<ExternalIdKeyedWriter>(), "a Salesforce `Id` still names the row when the stream has one");
    }

    [Test]
    public void A_delete_without_Id_or_an_external_id_is_a_configuration_error_naming_both_ways()
    {
        var error = Assert.ThrowsAsync<LoadConfigurationException>(() => org.Connection.Loader.OpenAsync(
            new ObjectOperation("Contact", LoadAction.Delete, "Id"), new StreamShape("contacts", ["LastName", "Email"], ["Email"]), CancellationToken.None))!;

        Assert.That(error.Message, Does.Contain("`Id` property").And.Contain("external_id_name"));
    }
}

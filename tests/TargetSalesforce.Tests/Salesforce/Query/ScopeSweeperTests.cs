using Microsoft.Extensions.Time.Testing;
using TargetSalesforce.Destination;
using TargetSalesforce.Salesforce;

namespace TargetSalesforce.Tests.Salesforce.Query;

/// <summary>After a full-table version: the scope read with one query job, the cap, then deletes or soft-delete marks by Id.</summary>
public class ScopeSweeperTests
{
    private static readonly string AccountDescribe = FieldSpec.Describe("Account",
        FieldSpec.Id, new FieldSpec("Name", Nillable: false), new FieldSpec("External_Id__c", ExternalId: true),
        new FieldSpec("Gone__c", "boolean"), new FieldSpec("Gone_At__c", "datetime"), new FieldSpec("Formula__c", "boolean", Updateable: false));

    private FakeBulkOrg org = null!;

    [SetUp]
    public void SetUp()
    {
        org = new FakeBulkOrg("Account", AccountDescribe, new FakeTimeProvider(DateTimeOffset.Parse("2026-12-06T05:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));

        // The fake answers the scope query with every row it holds (the SOQL carries no IN list to filter by).
        org.Queries.Rows.AddRange(Enumerable.Range(1, 10).Select(i => ($"001{i:D2}", $"R-{i}", false)));
        org.Queries.AllRowsWithoutInList = true;
    }

    [TearDown]
    public void TearDown() => org.Dispose();

    private async Task<IVersionSweeper> SweeperAsync(LoadAction action = LoadAction.Upsert, string key = "External_Id__c") =>
        (IVersionSweeper)await org.Connection.Loader.OpenAsync(new ObjectOperation("Account", action, key),
            new StreamShape("stores", ["External_Id__c", "Name"], []), CancellationToken.None);

    private static HashSet<string> Written(params int[] keys) => keys.Select(k => $"R-{k}").ToHashSet(StringComparer.OrdinalIgnoreCase);

    [Test]
    public async Task Rows_of_the_scope_the_version_did_not_write_are_deleted_by_Id()
    {
        var sweeper = await SweeperAsync();

        var outcome = await sweeper.SweepAsync(new VersionSweep(SweepMode.DeleteMissing, "Industry = 'Retail'", null, 0.2),
            Written(1, 2, 3, 5, 6, 7, 8, 10), CancellationToken.None);

        Assert.That(org.Queries.Jobs.Values.Single().Soql, Is.EqualTo("SELECT Id, External_Id__c FROM Account WHERE (Industry = 'Retail')"));
        var job = org.Bulk.Jobs.Values.Single();
        Assert.That((string?)job.Request["operation"], Is.EqualTo("delete"));
        Assert.That(job.Csv, Is.EqualTo("Id\n00104\n00109\n"));
        Assert.That(outcome, Is.EqualTo(new SweepOutcome(10, 2, outcome.Failures)).And.Property("Failures").Empty);
    }

    [Test]
    public async Task More_than_the_allowed_share_touches_nothing_and_says_how_much_it_would_have()
    {
        var sweeper = await SweeperAsync();

        var error = Assert.ThrowsAsync<VersionSweepException>(() => sweeper.SweepAsync(
            new VersionSweep(SweepMode.DeleteMissing, "Industry = 'Retail'", null, 0.2), Written(1, 2, 3, 4, 5, 6, 7), CancellationToken.None))!;

        Assert.That(error.Message, Does.Contain("would delete 3 of the 10 Account rows in scope (30%)").And.Contain("max_delete_fraction 0.2"));
        Assert.That(org.Bulk.Jobs, Is.Empty);
    }

    [Test]
    public async Task Soft_delete_sets_a_checkbox_and_skips_rows_already_marked()
    {
        org.Queries.Extra = ("Gone__c", id => id == "00109" ? "true" : "false");
        var sweeper = await SweeperAsync();

        var outcome = await sweeper.SweepAsync(new VersionSweep(SweepMode.SoftDelete, "Industry = 'Retail'", "Gone__c", 0.2),
            Written(1, 2, 3, 5, 6, 7, 8, 10), CancellationToken.None);

        Assert.That(org.Queries.Jobs.Values.Single().Soql, Is.EqualTo("SELECT Id, External_Id__c, Gone__c FROM Account WHERE (Industry = 'Retail')"));
        var job = org.Bulk.Jobs.Values.Single();
        Assert.That((string?)job.Request["operation"], Is.EqualTo("update"));
        Assert.That(job.Csv, Is.EqualTo("Id,Gone__c\n00104,true\n"));
        Assert.That(outcome.Missing, Is.EqualTo(1));
    }

    [Test]
    public async Task Soft_delete_sets_a_date_time_field_to_the_sweep_s_time()
    {
        org.Queries.Extra = ("Gone_At__c", _ => "");
        var sweeper = await SweeperAsync();

        await sweeper.SweepAsync(new VersionSweep(SweepMode.SoftDelete, "Industry = 'Retail'", "Gone_At__c", 0.2), Written(1, 2, 3, 5, 6, 7, 8, 9, 10), CancellationToken.None);

        Assert.That(org.Bulk.Jobs.Values.Single().Csv, Is.EqualTo("Id,Gone_At__c\n00104,2026-12-06T05:00:00.000Z\n"));
    }

    [TestCase("Nope__c", "is not a field of Account")]
    [TestCase("Formula__c", "must be an updateable checkbox")]
    [TestCase("Name", "must be an updateable checkbox, date or date/time field (it is string)")]
    public async Task An_unusable_soft_delete_field_is_a_configuration_error(string field, string message)
    {
        var sweeper = await SweeperAsync();

        var error = Assert.ThrowsAsync<LoadConfigurationException>(() => sweeper.SweepAsync(
            new VersionSweep(SweepMode.SoftDelete, "Industry = 'Retail'", field, 0.2), Written(1), CancellationToken.None))!;

        Assert.That(error.Message, Does.Contain(message));
        Assert.That(org.Queries.Jobs, Is.Empty);
    }

    [Test]
    public async Task A_stream_that_does_not_upsert_on_an_external_id_cannot_be_swept()
    {
        var sweeper = await SweeperAsync(LoadAction.Insert);

        var error = Assert.ThrowsAsync<LoadConfigurationException>(() => sweeper.SweepAsync(
            new VersionSweep(SweepMode.DeleteMissing, "Industry = 'Retail'", null, 0.2), Written(1), CancellationToken.None))!;

        Assert.That(error.Message, Does.Contain("upsert Account on an external id").And.Contain("it loads with insert"));
    }
}

using Microsoft.Extensions.Logging;
using RichardSzalay.MockHttp;
using TargetSalesforce.Salesforce;
using TargetSalesforce.Salesforce.Http;
using TargetSalesforce.Salesforce.Query;

namespace TargetSalesforce.Tests.Salesforce.Query;

public class BulkQueryTests
{
    private MockHttpMessageHandler mock = null!;
    private FakeBulkQueryApi api = null!;
    private ILoggerFactory loggers = null!;

    private static SalesforceClientOptions Options => TestOrg.FastOptions with { PollMinInterval = TimeSpan.Zero, QueryPageRecords = 2 };

    [SetUp]
    public void SetUp()
    {
        mock = new MockHttpMessageHandler();
        TestOrg.TokenEndpoint(mock);
        api = new FakeBulkQueryApi(mock);
        (loggers, _) = CapturingLoggerProvider.Create();
    }

    [TearDown]
    public void TearDown()
    {
        connections.ForEach(c => c.Dispose());
        connections.Clear();
        loggers.Dispose();
        mock.Dispose();
    }

    private readonly List<SalesforceConnection> connections = [];

    private ExternalIdLookup Lookup(SalesforceClientOptions options)
    {
        var connection = SalesforceConnection.Create(TestOrg.OAuth, options, loggers, TimeProvider.System, null, mock);
        connections.Add(connection);
        return connection.ExternalIds;
    }

    [Test]
    public async Task Polls_until_complete_reads_every_set_by_its_locator_with_maxRecords_then_deletes_the_job()
    {
        api.Rows.AddRange([("003A", "E1", false), ("003B", "E2", false), ("003C", "E3", false), ("003D", "E4", false), ("003E", "E5", false)]);

        var found = await Lookup(Options).FindAsync("Contact", "External_Id__c", "string", ["E1", "E2", "E3", "E4", "E5", "E9"], false, CancellationToken.None);

        var job = api.Jobs.Values.Single();
        Assert.That(job.Operation, Is.EqualTo("query"));
        Assert.That(job.Soql, Is.EqualTo("SELECT Id, External_Id__c FROM Contact WHERE External_Id__c IN ('E1','E2','E3','E4','E5','E9')"));
        Assert.That(job.Polls, Is.EqualTo(2), "InProgress, then JobComplete");
        Assert.That(job.SetsRead, Is.EqualTo(3), "5 rows in sets of maxRecords=2");
        Assert.That(job.MaxRecords, Is.All.EqualTo(2));
        Assert.That(job.Deleted, Is.True, "the finished job is deleted, so its results do not linger");
        Assert.That(found.Keys, Is.EquivalentTo(new[] { "E1", "E2", "E3", "E4", "E5" }));
        Assert.That(found["E3"].LiveIds, Is.EqualTo(new[] { "003C" }));
    }

    [Test]
    public async Task A_set_smaller_than_maxRecords_still_follows_the_locator_to_the_end()
    {
        api.SetSize = 1;
        api.Rows.AddRange([("003A", "E1", false), ("003B", "E2", false), ("003C", "E3", false)]);

        var found = await Lookup(Options with { QueryPageRecords = 50_000 }).FindAsync("Contact", "External_Id__c", "string", ["E1", "E2", "E3"], false, CancellationToken.None);

        Assert.That(api.Jobs.Values.Single().SetsRead, Is.EqualTo(3));
        Assert.That(found, Has.Count.EqualTo(3));
    }

    [Test]
    public void A_failed_query_job_stops_with_Salesforce_s_message_and_is_still_cleaned_up()
    {
        api.FinalState = "Failed";

        var error = Assert.ThrowsAsync<SalesforceApiException>(() =>
            Lookup(Options).FindAsync("Contact", "External_Id__c", "string", ["E1"], false, CancellationToken.None))!;

        Assert.That(error.Message, Does.Contain("ended Failed").And.Contain("No such column"));
        Assert.That(error.Message, Does.Not.Contain("'E1'"), "the message does not carry the keys");
        var job = api.Jobs.Values.Single();
        Assert.That(job.StateChanges, Is.EqualTo(new[] { "Aborted" }));
        Assert.That(job.Deleted, Is.True);
    }

    [Test]
    public async Task Keys_are_split_over_statements_within_the_SOQL_length_limit_and_run_as_separate_jobs()
    {
        var keys = Enumerable.Range(0, 40).Select(i => $"K-{i:D4}").ToList();
        api.Rows.AddRange(keys.Select(k => ("003" + k, k, false)));

        var found = await Lookup(Options with { MaxSoqlLength = 200 }).FindAsync("Contact", "External_Id__c", "string", keys, false, CancellationToken.None);

        Assert.That(found, Has.Count.EqualTo(40));
        Assert.That(api.Jobs, Has.Count.GreaterThan(1));
        Assert.That(api.Jobs.Values.Select(j => j.Soql.Length), Is.All.LessThanOrEqualTo(200));
    }

    [Test]
    public async Task A_delete_lookup_uses_queryAll_and_tells_a_key_only_in_the_Recycle_Bin_from_one_never_known()
    {
        api.Rows.AddRange([("003A", "E1", true), ("003B", "E2", true), ("003C", "E2", false)]);

        var found = await Lookup(Options).FindAsync("Contact", "External_Id__c", "string", ["E1", "E2", "E3"], true, CancellationToken.None);

        Assert.That(api.Jobs.Values.Single().Operation, Is.EqualTo("queryAll"));
        Assert.That(api.Jobs.Values.Single().Soql, Does.StartWith("SELECT Id, External_Id__c, IsDeleted FROM Contact"));
        Assert.That(found["E1"].DeletedOnly, Is.True);
        Assert.That(found["E2"].LiveIds, Is.EqualTo(new[] { "003C" }), "a live row wins over a deleted one");
        Assert.That(found.ContainsKey("E3"), Is.False);
    }
}

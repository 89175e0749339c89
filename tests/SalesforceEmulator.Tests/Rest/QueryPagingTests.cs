using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SalesforceEmulator.Org;
using SalesforceEmulator.Rest.Query;
using SalesforceEmulator.Rest.Soql;
using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Rest;

/// <summary>Query results come 2,000 a batch (or the batchSize asked for) with a locator for the rest, as jsforce's autoFetch and simple_salesforce's query_all expect.</summary>
public sealed class QueryPagingTests : EmulatorFixture
{
    private const int Rows = 2503;

    [SetUp]
    public async Task LoadAccounts()
    {
        var csv = new StringBuilder("Name,External_Id__c\n");
        for (var i = 1; i <= Rows; i++)
            csv.Append("Account ").Append(i).Append(",P-").Append(i).Append('\n');
        var run = await RunJobAsync("Account", "insert", csv.ToString());
        Assert.That(run.Processed - run.Failed, Is.EqualTo(Rows));
    }

    [Test]
    public async Task A_large_result_comes_in_batches_of_2000_with_a_locator_to_the_rest()
    {
        var first = await GetJson($"{V}/query?q={Uri.EscapeDataString("SELECT Id, Name FROM Account")}");
        var nextUrl = first.GetProperty("nextRecordsUrl").GetString()!;
        var second = await GetJson(nextUrl);

        Assert.That(first.GetProperty("totalSize").GetInt32(), Is.EqualTo(Rows));
        Assert.That(first.GetProperty("done").GetBoolean(), Is.False);
        Assert.That(first.GetProperty("records").GetArrayLength(), Is.EqualTo(2000));
        Assert.That(nextUrl, Does.Match(@"^/services/data/v60\.0/query/01g[0-9A-Za-z]{15}-2000$"));
        Assert.That(second.GetProperty("done").GetBoolean(), Is.True);
        Assert.That(second.TryGetProperty("nextRecordsUrl", out _), Is.False);
        Assert.That(second.GetProperty("records").GetArrayLength(), Is.EqualTo(Rows - 2000));
        var ids = first.GetProperty("records").EnumerateArray().Concat(second.GetProperty("records").EnumerateArray())
            .Select(r => r.GetProperty("Id").GetString()).ToHashSet();
        Assert.That(ids, Has.Count.EqualTo(Rows), "every record exactly once across the pages");
    }

    [TestCase("batchSize=500", 500)]
    [TestCase("batchSize=100", 200)]
    [TestCase("batchSize=5000", 2000)]
    public async Task The_query_options_header_sets_the_batch_size_within_200_to_2000(string header, int expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{V}/query?q={Uri.EscapeDataString("SELECT Id FROM Account")}");
        request.Headers.Add("Sforce-Query-Options", header);
        using var response = await Client.SendAsync(request);
        var page = await ReadJson(response);
        var next = await GetJson(page.GetProperty("nextRecordsUrl").GetString()!);

        Assert.That(page.GetProperty("records").GetArrayLength(), Is.EqualTo(expected));
        Assert.That(next.GetProperty("records").GetArrayLength(), Is.EqualTo(Math.Min(expected, Rows - expected)), "later pages keep the batch size");
    }

    [Test]
    public async Task QueryAll_also_returns_the_recycle_bins_records_and_pages_under_queryAll()
    {
        var ids = (await QueryAsync("SELECT Id FROM Account WHERE Name = 'Account 7'")).Select(r => r["Id"].GetString()).ToList();
        var deleted = await RunJobAsync("Account", "delete", "Id\n" + ids[0] + "\n");
        Assert.That(deleted.Failed, Is.Zero);

        var query = await GetJson($"{V}/query?q={Uri.EscapeDataString("SELECT Id FROM Account")}");
        var queryAll = await GetJson($"{V}/queryAll?q={Uri.EscapeDataString("SELECT Id, IsDeleted FROM Account WHERE Name = 'Account 7'")}");
        var allAccounts = await GetJson($"{V}/queryAll?q={Uri.EscapeDataString("SELECT Id FROM Account")}");

        Assert.That(query.GetProperty("totalSize").GetInt32(), Is.EqualTo(Rows - 1));
        Assert.That(queryAll.GetProperty("records")[0].GetProperty("IsDeleted").GetBoolean(), Is.True);
        Assert.That(allAccounts.GetProperty("totalSize").GetInt32(), Is.EqualTo(Rows));
        Assert.That(allAccounts.GetProperty("nextRecordsUrl").GetString(), Does.Contain("/queryAll/01g"));
    }

    [TestCase("01g000000000000AAA-2000")]
    [TestCase("not-a-locator")]
    public async Task An_unknown_locator_is_INVALID_QUERY_LOCATOR(string locator)
    {
        using var response = await Client.GetAsync($"{V}/query/{locator}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ReadJson(response))[0].GetProperty("errorCode").GetString(), Is.EqualTo("INVALID_QUERY_LOCATOR"));
    }

    [Test]
    public async Task A_small_result_has_no_locator()
    {
        var page = await GetJson($"{V}/query?q={Uri.EscapeDataString("SELECT Id FROM Account LIMIT 5")}");

        Assert.That(page.GetProperty("done").GetBoolean(), Is.True);
        Assert.That(page.TryGetProperty("nextRecordsUrl", out _), Is.False);
    }
}

/// <summary>Query locators live as a real org's do: 10 open a user, 15 minutes idle.</summary>
public sealed class QueryCursorTests
{
    private static SoqlResult Result() =>
        new(new SObjectSchema(new ObjectDefinition { Name = "Thing__c", KeyPrefix = "a09" }), [], 0, []);

    [Test]
    public void An_eleventh_cursor_releases_the_users_oldest()
    {
        var time = new FakeTimeProvider();
        var cursors = new QueryCursors(time);
        var first = cursors.Open("005A", Result(), 2000);
        time.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < QueryCursors.MaxOpenPerUser; i++)
            cursors.Open("005A", Result(), 2000);
        var otherUsers = cursors.Open("005B", Result(), 2000);

        Assert.That(cursors.Find(first.Locator, "005A"), Is.Null);
        Assert.That(cursors.Count, Is.EqualTo(QueryCursors.MaxOpenPerUser + 1));
        Assert.That(cursors.Find(otherUsers.Locator, "005B"), Is.Not.Null);
        Assert.That(cursors.Find(otherUsers.Locator, "005A"), Is.Null, "a locator is its user's");
    }

    [Test]
    public void A_cursor_idle_for_15_minutes_is_released_and_a_used_one_is_kept()
    {
        var time = new FakeTimeProvider();
        var cursors = new QueryCursors(time);
        var idle = cursors.Open("005A", Result(), 2000);
        var used = cursors.Open("005A", Result(), 2000);

        time.Advance(TimeSpan.FromMinutes(10));
        Assert.That(cursors.Find(used.Locator, "005A"), Is.Not.Null);
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.That(cursors.Find(idle.Locator, "005A"), Is.Null);
        Assert.That(cursors.Find(used.Locator, "005A"), Is.Not.Null);
    }
}

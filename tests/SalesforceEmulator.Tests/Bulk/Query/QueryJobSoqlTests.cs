using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace SalesforceEmulator.Tests.Bulk.Query;

/// <summary>
/// The SOQL a query job runs: each operator, AND/OR/NOT with parentheses, ORDER BY and LIMIT, lookup paths; and the
/// same WHERE through REST query, which runs the same implementation.
/// </summary>
public sealed class QueryJobSoqlTests : QueryJobFixture
{
    // Noon on a fixed day: TODAY and YESTERDAY never straddle midnight while a test runs.
    protected override EmulatorOptions CreateOptions() =>
        new() { Time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero)) };

    private async Task SeedAsync() => await SeedAccountsAsync(
        "A-1,Alpha,10", "A-2,Beta,20", "A-3,alpha two,30", "A-4,Gamma_x,", "A-5,Delta%,50");

    [TestCase("External_Id__c IN ('A-1', 'a-3')", "A-1 A-3")]
    [TestCase("External_Id__c NOT IN ('A-1','A-3')", "A-2 A-4 A-5")]
    [TestCase("Name = 'alpha'", "A-1")]
    [TestCase("Name != 'Alpha'", "A-2 A-3 A-4 A-5")]
    [TestCase("Name <> 'Alpha'", "A-2 A-3 A-4 A-5")]
    [TestCase("NumberOfEmployees < 20", "A-1")]
    [TestCase("NumberOfEmployees <= 20", "A-1 A-2")]
    [TestCase("NumberOfEmployees > 20", "A-3 A-5")]
    [TestCase("NumberOfEmployees >= 50", "A-5")]
    [TestCase("NumberOfEmployees IN (10, 50)", "A-1 A-5")]
    [TestCase("NumberOfEmployees = null", "A-4")]
    [TestCase("NumberOfEmployees != null", "A-1 A-2 A-3 A-5")]
    [TestCase("Name < 'b'", "A-1 A-3")]
    [TestCase("Name LIKE 'alpha%'", "A-1 A-3")]
    [TestCase("Name LIKE '_eta'", "A-2")]
    [TestCase("Name LIKE '%A%'", "A-1 A-2 A-3 A-4 A-5")]
    [TestCase(@"Name LIKE 'Gamma\_x'", "A-4")]
    [TestCase(@"Name LIKE '%\%'", "A-5")]
    [TestCase("Name = 'Alpha' OR NumberOfEmployees = 20", "A-1 A-2")]
    [TestCase("NumberOfEmployees > 10 AND NumberOfEmployees < 50", "A-2 A-3")]
    [TestCase("(Name LIKE 'a%' OR Name = 'Beta') AND NumberOfEmployees >= 20", "A-2 A-3")]
    [TestCase("Name = 'Beta' OR (Name LIKE 'a%' AND NumberOfEmployees > 10)", "A-2 A-3")]
    [TestCase("NOT Name LIKE 'a%'", "A-2 A-4 A-5")]
    [TestCase("NOT (External_Id__c = 'A-1' OR External_Id__c = 'A-2')", "A-3 A-4 A-5")]
    [TestCase("CreatedDate = TODAY", "A-1 A-2 A-3 A-4 A-5")]
    [TestCase("CreatedDate < YESTERDAY", "")]
    [TestCase("CreatedDate = LAST_N_DAYS:3", "A-1 A-2 A-3 A-4 A-5")]
    public async Task Where_selects_the_rows_through_Bulk_and_REST_alike(string where, string expected)
    {
        await SeedAsync();
        var soql = $"SELECT External_Id__c FROM Account WHERE {where}";

        var (_, rows) = await QueryRowsAsync(soql);
        var rest = await QueryAsync(soql);

        var wanted = expected.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(rows.Select(r => r[0]).Order(), Is.EqualTo(wanted));
        Assert.That(rest.Select(r => r["External_Id__c"].GetString()).Order(), Is.EqualTo(wanted));
    }

    [TestCase("ORDER BY NumberOfEmployees", "A-4 A-1 A-2 A-3 A-5")]
    [TestCase("ORDER BY NumberOfEmployees NULLS LAST", "A-1 A-2 A-3 A-5 A-4")]
    [TestCase("ORDER BY NumberOfEmployees DESC", "A-5 A-3 A-2 A-1 A-4")]
    [TestCase("ORDER BY NumberOfEmployees DESC NULLS FIRST", "A-4 A-5 A-3 A-2 A-1")]
    [TestCase("ORDER BY Name ASC", "A-1 A-3 A-2 A-5 A-4")]
    [TestCase("ORDER BY NumberOfEmployees DESC LIMIT 2", "A-5 A-3")]
    [TestCase("ORDER BY NumberOfEmployees ASC NULLS LAST LIMIT 1", "A-1")]
    public async Task Order_by_and_limit_shape_the_rows(string tail, string expected)
    {
        await SeedAsync();

        var (_, rows) = await QueryRowsAsync($"SELECT External_Id__c FROM Account {tail}", maxRecords: 2);

        Assert.That(string.Join(' ', rows.Select(r => r[0])), Is.EqualTo(expected));
    }

    [Test]
    public async Task Order_by_several_fields_breaks_ties_in_turn()
    {
        await SeedAccountsAsync("A-1,Same,1", "A-2,Same,3", "A-3,Other,2");

        var (_, rows) = await QueryRowsAsync("SELECT External_Id__c FROM Account ORDER BY Name DESC, NumberOfEmployees DESC");

        Assert.That(rows.Select(r => r[0]), Is.EqualTo(new[] { "A-2", "A-1", "A-3" }));
    }

    [Test]
    public async Task A_parent_field_filters_and_sorts_children()
    {
        await SeedAccountsAsync("A-1,One,1", "A-2,Two,2");
        var one = await AccountIdAsync("A-1");
        var two = await AccountIdAsync("A-2");
        var contacts = await RunJobAsync("Contact", "insert", $"LastName,External_Id__c,AccountId\nX,C-1,{two}\nY,C-2,{one}\nZ,C-3,\n");
        Assert.That(contacts.Failed, Is.Zero);

        var (_, byParent) = await QueryRowsAsync("SELECT External_Id__c FROM Contact WHERE Account.External_Id__c IN ('A-1', 'A-2') ORDER BY Account.Name");
        var (_, orphans) = await QueryRowsAsync("SELECT External_Id__c FROM Contact WHERE Account.Name = null");
        var (_, custom) = await QueryRowsAsync("SELECT Contact.External_Id__c FROM Contact WHERE AccountId = null");

        Assert.That(byParent.Select(r => r[0]), Is.EqualTo(new[] { "C-2", "C-1" }));
        Assert.That(orphans.Select(r => r[0]), Is.EqualTo(new[] { "C-3" }));
        Assert.That(custom.Select(r => r[0]), Is.EqualTo(new[] { "C-3" }), "a path may start with the queried object's name");
    }

    [Test]
    public async Task Query_skips_deleted_rows_queryAll_sees_them_until_a_hard_delete()
    {
        await SeedAccountsAsync("A-1,One,1", "A-2,Two,2", "A-3,Three,3");
        var softId = await AccountIdAsync("A-2");
        var hardId = await AccountIdAsync("A-3");
        using (var soft = await Client.DeleteAsync($"{V}/sobjects/Account/{softId}"))
            Assert.That(soft.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var hard = await RunJobAsync("Account", "hardDelete", $"Id\n{hardId}\n");
        Assert.That(hard.Failed, Is.Zero);

        var (_, live) = await QueryRowsAsync("SELECT External_Id__c, IsDeleted FROM Account ORDER BY External_Id__c");
        var (_, all) = await QueryRowsAsync("SELECT External_Id__c, IsDeleted FROM Account ORDER BY External_Id__c", "queryAll");
        var (_, binOnly) = await QueryRowsAsync("SELECT Id FROM Account WHERE IsDeleted = true", "queryAll");
        var (_, lookup) = await QueryRowsAsync("SELECT Id FROM Account WHERE External_Id__c IN ('A-1', 'A-2')", "queryAll");

        Assert.That(live.Select(r => string.Join(':', r)), Is.EqualTo(new[] { "A-1:false" }));
        Assert.That(all.Select(r => string.Join(':', r)), Is.EqualTo(new[] { "A-1:false", "A-2:true" }));
        Assert.That(binOnly.Select(r => r[0]), Is.EqualTo(new[] { softId }));
        Assert.That(lookup.Select(r => r[0]).Order(), Is.EqualTo(new[] { softId, await AccountIdAsync("A-1") }.Order()),
            "an IN on an external id finds recycle-bin rows with queryAll");
    }

    [Test]
    public async Task An_IN_list_on_an_external_id_finds_thousands_of_keys()
    {
        var seed = new StringBuilder("External_Id__c,Name\n");
        for (var i = 0; i < 5000; i++)
            seed.Append("K-").Append(i).Append(",N").Append(i).Append('\n');
        var run = await RunJobAsync("Account", "upsert", seed.ToString(), "External_Id__c");
        Assert.That(run.Failed, Is.Zero);
        var keys = Enumerable.Range(0, 3000).Select(i => $"'k-{i * 2}'").Append("'missing'");

        var (_, rows) = await QueryRowsAsync($"SELECT Id, External_Id__c FROM Account WHERE External_Id__c IN ({string.Join(',', keys)})", maxRecords: 1000);

        Assert.That(rows, Has.Count.EqualTo(2500), "the even keys below 5,000 exist; case does not matter; a missing key selects nothing");
        Assert.That(rows.Select(r => r[1]).Distinct().Count(), Is.EqualTo(2500));
    }

    [Test]
    public async Task A_query_of_exactly_100000_characters_is_taken_and_one_more_is_refused()
    {
        var head = "SELECT Id FROM Account WHERE Name IN ('";
        var fill = 100_000 - head.Length - 2;
        var longest = head + new string('x', fill) + "')";
        Assert.That(longest, Has.Length.EqualTo(100_000));

        using var taken = await CreateQueryJobAsync(longest);
        using var refused = await CreateQueryJobAsync(head + new string('x', fill + 1) + "')");
        var error = await ReadJson(refused);

        Assert.That(taken.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error[0].GetProperty("errorCode").GetString(), Is.EqualTo("MALFORMED_QUERY"));
        Assert.That(error[0].GetProperty("message").GetString(), Does.Contain("100000"));
    }

    [Test]
    public async Task REST_answers_a_parent_field_as_a_nested_record()
    {
        await SeedAccountsAsync("A-1,One,1");
        var one = await AccountIdAsync("A-1");
        await RunJobAsync("Contact", "insert", $"LastName,External_Id__c,AccountId\nX,C-1,{one}\nY,C-2,\n");

        var records = await QueryAsync("SELECT External_Id__c, Account.Name, Account.External_Id__c FROM Contact ORDER BY External_Id__c");

        var account = records[0]["Account"];
        Assert.That(account.GetProperty("attributes").GetProperty("type").GetString(), Is.EqualTo("Account"));
        Assert.That(account.GetProperty("Name").GetString(), Is.EqualTo("One"));
        Assert.That(account.GetProperty("External_Id__c").GetString(), Is.EqualTo("A-1"));
        Assert.That(records[1]["Account"].ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
    }

    [Test]
    public async Task REST_column_metadata_names_a_parent_field_as_a_join_column()
    {
        var json = await GetJson($"{V}/query?q={Uri.EscapeDataString("SELECT LastName, Account.Name, Account.External_Id__c FROM Contact")}&columns=true");

        var columns = json.GetProperty("columnMetadata").EnumerateArray().ToList();
        Assert.That(columns.Select(c => c.GetProperty("columnName").GetString()), Is.EqualTo(new[] { "LastName", "Account" }));
        var joined = columns[1].GetProperty("joinColumns").EnumerateArray().ToList();
        Assert.That(joined.Select(c => c.GetProperty("columnName").GetString()), Is.EqualTo(new[] { "Name", "External_Id__c" }));
        Assert.That(joined.Select(c => c.GetProperty("displayName").GetString()), Is.EqualTo(new[] { "Account.Name", "Account.External_Id__c" }));
        Assert.That(columns[1].GetProperty("apexType").GetString(), Is.EqualTo("Account"));
        Assert.That(json.GetProperty("idSelected").GetBoolean(), Is.False);
    }
}

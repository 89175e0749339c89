using System.Net;
using System.Text;

namespace SalesforceEmulator.Tests.Bulk.Query;

/// <summary>Result pages: maxRecords, Sforce-Locator across pages, the CSV's columns, dialect and values.</summary>
public sealed class QueryResultsTests : QueryJobFixture
{
    [Test]
    public async Task Pages_follow_the_locator_until_it_is_null()
    {
        await SeedAccountsAsync(Enumerable.Range(1, 5).Select(i => $"A-{i},Name {i},{i}").ToArray());
        var id = await StartQueryAsync("SELECT External_Id__c FROM Account ORDER BY NumberOfEmployees");
        await WaitForQueryAsync(id);

        var first = await ResultsPageAsync(id, maxRecords: 2);
        var second = await ResultsPageAsync(id, first.Locator, maxRecords: 2);
        var third = await ResultsPageAsync(id, second.Locator, maxRecords: 2);
        var again = await ResultsPageAsync(id, first.Locator, maxRecords: 2);

        Assert.Multiple(() =>
        {
            Assert.That(first.Rows.Skip(1).Select(r => r[0]), Is.EqualTo(new[] { "A-1", "A-2" }));
            Assert.That(first.NumberOfRecords, Is.EqualTo("2"));
            Assert.That(first.Locator, Is.Not.EqualTo("null").And.Not.Null);
            Assert.That(second.Rows[0], Is.EqualTo(new[] { "External_Id__c" }), "every page carries the header");
            Assert.That(second.Rows.Skip(1).Select(r => r[0]), Is.EqualTo(new[] { "A-3", "A-4" }));
            Assert.That(third.Rows.Skip(1).Select(r => r[0]), Is.EqualTo(new[] { "A-5" }));
            Assert.That(third.NumberOfRecords, Is.EqualTo("1"));
            Assert.That(third.Locator, Is.EqualTo("null"), "the last page's locator is the string null");
            Assert.That(again.Body, Is.EqualTo(second.Body), "a locator can be read again while its job exists");
        });
    }

    [Test]
    public async Task Without_maxRecords_one_page_holds_every_row()
    {
        await SeedAccountsAsync(Enumerable.Range(1, 30).Select(i => $"A-{i},Name {i},{i}").ToArray());

        var (_, rows) = await QueryRowsAsync("SELECT Id FROM Account");
        var id = await StartQueryAsync("SELECT Id FROM Account");
        await WaitForQueryAsync(id);
        var page = await ResultsPageAsync(id);

        Assert.That(rows, Has.Count.EqualTo(30));
        Assert.That(page.Locator, Is.EqualTo("null"));
        Assert.That(page.NumberOfRecords, Is.EqualTo("30"));
    }

    [Test]
    public async Task An_empty_result_is_the_header_alone()
    {
        var id = await StartQueryAsync("SELECT Id, Name FROM Account WHERE Name = 'nobody'");
        await WaitForQueryAsync(id);

        var page = await ResultsPageAsync(id);

        Assert.That(page.Body, Is.EqualTo("\"Id\",\"Name\"\n"));
        Assert.That(page.NumberOfRecords, Is.EqualTo("0"));
        Assert.That(page.Locator, Is.EqualTo("null"));
    }

    [Test]
    public async Task Columns_keep_the_query_order_and_name_parent_fields_by_path()
    {
        await SeedAccountsAsync("A-1,\"Acme, \"\"Ltd\"\"\",5");
        var accountId = await AccountIdAsync("A-1");
        var contacts = await RunJobAsync("Contact", "insert", $"LastName,External_Id__c,AccountId,HasOptedOutOfEmail\nDoe,C-1,{accountId},true\nRoe,C-2,,false\n");
        Assert.That(contacts.Failed, Is.Zero);

        var (header, rows) = await QueryRowsAsync("SELECT External_Id__c, account.name, Account.External_Id__c, HasOptedOutOfEmail, Id FROM Contact ORDER BY External_Id__c");

        Assert.That(header, Is.EqualTo(new[] { "External_Id__c", "Account.Name", "Account.External_Id__c", "HasOptedOutOfEmail", "Id" }));
        Assert.That(rows[0][..4], Is.EqualTo(new[] { "C-1", "Acme, \"Ltd\"", "A-1", "true" }));
        Assert.That(rows[1][..4], Is.EqualTo(new[] { "C-2", "", "", "false" }), "a contact without an account has empty parent columns");
        Assert.That(rows[0][4], Has.Length.EqualTo(18).And.StartWith("003"));
    }

    [Test]
    public async Task The_jobs_delimiter_and_line_ending_shape_the_csv_and_nulls_are_empty()
    {
        await SeedAccountsAsync("A-1,One,");
        var id = await StartQueryAsync("SELECT External_Id__c, NumberOfEmployees, Name FROM Account", extra: "\"columnDelimiter\":\"SEMICOLON\",\"lineEnding\":\"CRLF\"");
        await WaitForQueryAsync(id);

        var page = await ResultsPageAsync(id);

        Assert.That(page.Body, Is.EqualTo("\"External_Id__c\";\"NumberOfEmployees\";\"Name\"\r\n\"A-1\";;\"One\"\r\n"));
    }

    [Test]
    public async Task Datetimes_are_written_in_UTC_with_a_Z()
    {
        await SeedAccountsAsync("A-1,One,1");

        var (_, rows) = await QueryRowsAsync("SELECT CreatedDate FROM Account");

        Assert.That(rows[0][0], Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"));
    }

    [Test]
    public async Task Results_are_gzip_compressed_when_asked()
    {
        await SeedAccountsAsync("A-1,One,1");
        var id = await StartQueryAsync("SELECT External_Id__c FROM Account");
        await WaitForQueryAsync(id);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"{V}/jobs/query/{id}/results");
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var response = await Client.SendAsync(request);
        await using var gzip = new System.IO.Compression.GZipStream(await response.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);

        Assert.That(response.Content.Headers.ContentEncoding, Is.EqualTo(new[] { "gzip" }));
        Assert.That(await reader.ReadToEndAsync(), Is.EqualTo("\"External_Id__c\"\n\"A-1\"\n"));
    }

    [TestCase("bm90IGEgbnVtYmVy")] // base64 of "not a number"
    [TestCase("OTk5")] // 999: past the end
    [TestCase("!!")]
    public async Task A_locator_the_job_never_gave_is_refused(string locator)
    {
        await SeedAccountsAsync("A-1,One,1");
        var id = await StartQueryAsync("SELECT Id FROM Account");
        await WaitForQueryAsync(id);

        var page = await ResultsPageAsync(id, locator);

        Assert.That(page.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(page.Body, Does.Contain("INVALID_QUERY_LOCATOR"));
    }

    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("many")]
    public async Task A_maxRecords_that_is_not_a_positive_number_is_refused(string maxRecords)
    {
        var id = await StartQueryAsync("SELECT Id FROM Account");
        await WaitForQueryAsync(id);

        using var response = await Client.GetAsync($"{V}/jobs/query/{id}/results?maxRecords={maxRecords}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Results_are_served_only_at_the_version_that_created_the_job()
    {
        var id = await StartQueryAsync("SELECT Id FROM Account");
        await WaitForQueryAsync(id);

        var other = await ResultsPageAsync(id, version: "/services/data/v61.0");

        Assert.That(other.Status, Is.EqualTo(HttpStatusCode.Conflict));
    }

    [Test]
    public async Task Results_of_a_deleted_job_are_404()
    {
        var id = await StartQueryAsync("SELECT Id FROM Account");
        await WaitForQueryAsync(id);
        using (await Client.DeleteAsync($"{V}/jobs/query/{id}"))
        {
        }

        var page = await ResultsPageAsync(id, "MA");

        Assert.That(page.Status, Is.EqualTo(HttpStatusCode.NotFound));
    }
}

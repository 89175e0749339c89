using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Bulk;

public sealed class CsvUploadTests : EmulatorFixture
{
    private async Task<string?> DescriptionAfterInsertAsync(string csv, string? lineEnding = null, string? delimiter = null)
    {
        var run = await RunJobAsync("Account", "insert", csv, lineEnding: lineEnding, delimiter: delimiter);
        Assert.That(run.State, Is.EqualTo("JobComplete"), run.ErrorMessage);
        Assert.That(run.Failed, Is.Zero);
        var records = await QueryAsync("SELECT Description FROM Account");
        return records[0]["Description"].GetString();
    }

    [Test]
    public async Task Quotes_are_unescaped_and_delimiters_inside_quotes_are_data()
    {
        Assert.That(await DescriptionAfterInsertAsync("Name,Description\nA,\"Comma, \"\"quoted\"\"\"\n"), Is.EqualTo("Comma, \"quoted\""));
    }

    [Test]
    public async Task Quoted_values_keep_embedded_line_breaks()
    {
        Assert.That(await DescriptionAfterInsertAsync("Name,Description\nA,\"line 1\nline 2\"\n"), Is.EqualTo("line 1\nline 2"));
    }

    [Test]
    public async Task Crlf_jobs_read_crlf_rows_and_keep_bare_lf_inside_quotes()
    {
        Assert.That(await DescriptionAfterInsertAsync("Name,Description\r\nA,\"x\ny\"\r\n", lineEnding: "CRLF"), Is.EqualTo("x\ny"));
    }

    [Test]
    public async Task Unicode_survives()
    {
        Assert.That(await DescriptionAfterInsertAsync("Name,Description\nA,Zoë — 東京 🚀\n"), Is.EqualTo("Zoë — 東京 🚀"));
    }

    [Test]
    public async Task Values_are_not_trimmed()
    {
        Assert.That(await DescriptionAfterInsertAsync("Name,Description\nA,  padded \n"), Is.EqualTo("  padded "));
    }

    [TestCase("PIPE", '|')]
    [TestCase("SEMICOLON", ';')]
    [TestCase("TAB", '\t')]
    [TestCase("CARET", '^')]
    [TestCase("BACKQUOTE", '`')]
    public async Task The_job_delimiter_separates_columns(string delimiter, char separator)
    {
        Assert.That(await DescriptionAfterInsertAsync($"Name{separator}Description\nA{separator}\"x,y\"\n", delimiter: delimiter), Is.EqualTo("x,y"));
    }

    [Test]
    public async Task Header_names_match_case_insensitively()
    {
        Assert.That(await DescriptionAfterInsertAsync("NAME,description\nA,d\n"), Is.EqualTo("d"));
    }

    [Test]
    public async Task Not_available_sets_null_and_an_empty_cell_leaves_the_field_unchanged()
    {
        var insert = await RunJobAsync("Account", "insert", "Name,Phone,Description\nA,555,keep\n");
        var id = CsvText.Parse(await ResultsAsync(insert.Id, "successfulResults"))[1][0];

        var update = await RunJobAsync("Account", "update", $"Id,Phone,Description\n{id},#N/A,\n");
        var record = (await QueryAsync("SELECT Phone, Description FROM Account"))[0];

        Assert.That(update.Failed, Is.Zero);
        Assert.That(record["Phone"].ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        Assert.That(record["Description"].GetString(), Is.EqualTo("keep"));
    }

    [Test]
    public async Task A_trailing_delimiter_is_an_empty_last_cell_and_blank_lines_are_skipped()
    {
        var run = await RunJobAsync("Account", "insert", "Name,Description\nA,\n\nB,b");

        Assert.That(run.Processed, Is.EqualTo(2));
        Assert.That(run.Failed, Is.Zero);
    }

    [Test]
    public async Task Relationship_columns_resolve_through_the_parent_external_id()
    {
        var parent = await RunJobAsync("Account", "insert", "Name,External_Id__c\nParent,P-1\n");
        var parentId = CsvText.Parse(await ResultsAsync(parent.Id, "successfulResults"))[1][0];

        var contacts = await RunJobAsync("Contact", "insert", "LastName,Account.External_Id__c\nL,P-1\n");
        var invoices = await RunJobAsync("Invoice__c", "insert", "Name,Account__r.External_Id__c\nI,p-1\n");
        var byId = await RunJobAsync("Contact", "insert", $"LastName,account.id\nM,{parentId[..15]}\n");

        Assert.That(contacts.Failed + invoices.Failed + byId.Failed, Is.Zero);
        Assert.That((await QueryAsync("SELECT AccountId FROM Contact")).Select(c => c["AccountId"].GetString()), Is.EqualTo(new[] { parentId, parentId }));
        Assert.That((await QueryAsync("SELECT Account__c FROM Invoice__c"))[0]["Account__c"].GetString(), Is.EqualTo(parentId));
    }
}

using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Bulk;

public sealed class JobFailureTests : EmulatorFixture
{
    [TestCase("Account", "insert", "Name,Bogus__c\nA,1\n", null, "InvalidBatch : Field name not found : Bogus__c")]
    [TestCase("Contact", "insert", "LastName,Parent.External_Id__c\nA,1\n", null, "InvalidBatch : Field name not found : Parent.External_Id__c")]
    [TestCase("Contact", "insert", "LastName,Account.Phone\nA,1\n", null, "InvalidBatch : Field name not found : Account.Phone")]
    [TestCase("Contact", "insert", "LastName,Account:Account.External_Id__c\nA,1\n", null, "InvalidBatch : type is not needed for non polymorphic foreign key references: Account")]
    [TestCase("Account", "insert", "Name,Phone,Name\nA,1,B\n", null, "InvalidBatch : Duplicate field name: Name")]
    [TestCase("Account", "insert", "Name,name\nA,B\n", null, "InvalidBatch : Duplicate field name: name")]
    [TestCase("Contact", "insert", "LastName,AccountId,Account.External_Id__c\nA,,X\n", null, "InvalidBatch : Duplicate field name: Account.External_Id__c")]
    [TestCase("Account", "delete", "Id,Name\n001000000000001AAA,A\n", null, "InvalidBatch : The 'delete' batch must contain only ids")]
    [TestCase("Account", "hardDelete", "Name\nA\n", null, "InvalidBatch : The 'hardDelete' batch must contain only ids")]
    [TestCase("Account", "insert", "Name\r\nA\r\n", null, "ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF")]
    [TestCase("Account", "insert", "Name\nA\n", "CRLF", "ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is CRLF")]
    [TestCase("Account", "insert", "\uFEFF\"Name\"\nA\n", null, "InvalidBatch : Failed to parse CSV. Found unescaped quote")]
    [TestCase("Account", "insert", "\uFEFFName\nA\n", null, "InvalidBatch : Field name not found : \uFEFFName")]
    [TestCase("Account", "insert", "Name\nA\"b\n", null, "InvalidBatch : Failed to parse CSV. Found unescaped quote")]
    [TestCase("Account", "insert", "Name\n\"A\"b\n", null, "InvalidBatch : Failed to parse CSV. Found unescaped quote")]
    [TestCase("Account", "insert", "Name\n\"open\n", null, "InvalidBatch : Failed to parse CSV. EOF reached before closing quote")]
    public async Task A_bad_upload_fails_the_whole_job_with_the_real_message(string objectName, string operation, string csv, string? lineEnding, string message)
    {
        var run = await RunJobAsync(objectName, operation, csv, lineEnding: lineEnding);

        Assert.That(run.State, Is.EqualTo("Failed"));
        Assert.That(run.ErrorMessage, Is.EqualTo(message));
        Assert.That(run.Processed, Is.Zero);
        Assert.That(await QueryAsync($"SELECT Id FROM {objectName}"), Is.Empty);
    }

    [Test]
    public async Task A_failed_job_lists_its_rows_as_unprocessed_and_no_failures()
    {
        var run = await RunJobAsync("Account", "insert", "Name,Bogus__c\nA,1\n");

        Assert.That(await ResultsAsync(run.Id, "failedResults"), Is.EqualTo("\"sf__Id\",\"sf__Error\",Name,Bogus__c\n"));
        Assert.That(await ResultsAsync(run.Id, "unprocessedrecords"), Is.EqualTo("Name,Bogus__c\n\"A\",\"1\"\n"));
    }

    [Test]
    public async Task A_late_parse_error_writes_nothing()
    {
        var run = await RunJobAsync("Account", "insert", "Name\nA\nB\n\"C\n");

        Assert.That(run.State, Is.EqualTo("Failed"));
        Assert.That(await QueryAsync("SELECT Id FROM Account"), Is.Empty);
    }

    [Test]
    public async Task A_closed_job_without_an_upload_completes_with_nothing_processed()
    {
        var id = await CreateJobAsync("Account", "insert");
        await PatchStateAsync(id, "UploadComplete");
        await WaitForEndAsync(id);

        var info = await GetJson($"{V}/jobs/ingest/{id}");

        Assert.That(info.GetProperty("state").GetString(), Is.EqualTo("JobComplete"));
        Assert.That(info.GetProperty("numberRecordsProcessed").GetInt64(), Is.Zero);
    }
}

using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Bulk;

public sealed class RowErrorTests : EmulatorFixture
{
    private async Task<string> InsertOneAsync(string objectName, string csv)
    {
        var run = await RunJobAsync(objectName, "insert", csv);
        Assert.That(run.State, Is.EqualTo("JobComplete"));
        var errors = await ErrorsAsync(run.Id);
        Assert.That(errors, Has.Count.EqualTo(1));
        return errors[0];
    }

    [Test]
    public async Task Missing_required_fields_are_listed()
    {
        var error = await InsertOneAsync("Lead", "FirstName\nAda\n");

        Assert.That(error, Is.EqualTo("REQUIRED_FIELD_MISSING:Required fields are missing: [LastName, Company]:LastName,Company --"));
    }

    [TestCase("Account", "Name,NumberOfEmployees\nA,12x\n", "INVALID_FIELD:Failed to deserialize field at col 1. Due to, '12x' is not a valid value for the type xsd:int:NumberOfEmployees --")]
    [TestCase("Account", "Name,AnnualRevenue\nA,1,000\n", null)]
    [TestCase("Account", "Name,AnnualRevenue\nA,one\n", "INVALID_FIELD:Failed to deserialize field at col 1. Due to, 'one' is not a valid value for the type xsd:double:AnnualRevenue --")]
    [TestCase("Contact", "LastName,Birthdate\nL,2024-13-01\n", "INVALID_FIELD:Failed to deserialize field at col 1. Due to, '2024-13-01' is not a valid value for the type xsd:date:Birthdate --")]
    [TestCase("Contact", "LastName,Birthdate\nL,1705276800000\n", "INVALID_FIELD:Failed to deserialize field at col 1. Due to, '1705276800000' is not a valid value for the type xsd:date:Birthdate --")]
    [TestCase("Contact", "LastName,Birthdate\nL,2024-01-15 00:00:00\n", "INVALID_FIELD:Failed to deserialize field at col 1. Due to, '2024-01-15 00:00:00' is not a valid value for the type xsd:date:Birthdate --")]
    [TestCase("Invoice__c", "Name,Paid_At__c\nI,2024-01-15 10:20:30+00:00\n", "INVALID_FIELD:Failed to deserialize field at col 1. Due to, '2024-01-15 10:20:30+00:00' is not a valid value for the type xsd:dateTime:Paid_At__c --")]
    [TestCase("Invoice__c", "Name,Paid_At__c\nI,2024-01-15T10:20:30\n", "INVALID_FIELD:Failed to deserialize field at col 1. Due to, '2024-01-15T10:20:30' is not a valid value for the type xsd:dateTime:Paid_At__c --")]
    [TestCase("Invoice__c", "Name,Paid__c\nI,yes\n", "INVALID_FIELD:Failed to deserialize field at col 1. Due to, 'yes' is not a valid value for the type xsd:boolean:Paid__c --")]
    public async Task Values_of_the_wrong_type_fail_the_row(string objectName, string csv, string? expected)
    {
        if (expected is null)
        {
            // "A,1,000" has three cells under a two-column header: the whole job fails instead.
            var run = await RunJobAsync(objectName, "insert", csv);
            Assert.That(run.State, Is.EqualTo("Failed"));
            return;
        }
        Assert.That(await InsertOneAsync(objectName, csv), Is.EqualTo(expected));
    }

    [TestCase("2024-01-15T10:20:30Z", "2024-01-15T10:20:30.000+0000")]
    [TestCase("2024-01-15T10:20:30.5Z", "2024-01-15T10:20:30.500+0000")]
    [TestCase("2024-01-15T12:20:30.123+02:00", "2024-01-15T10:20:30.123+0000")]
    public async Task Datetimes_with_a_zone_are_stored_in_utc(string value, string stored)
    {
        var run = await RunJobAsync("Invoice__c", "insert", $"Name,Paid_At__c\nI,{value}\n");

        Assert.That(run.Failed, Is.Zero);
        Assert.That((await QueryAsync("SELECT Paid_At__c FROM Invoice__c"))[0]["Paid_At__c"].GetString(), Is.EqualTo(stored));
    }

    [TestCase("TRUE", true)]
    [TestCase("False", false)]
    [TestCase("1", true)]
    [TestCase("0", false)]
    public async Task Booleans_are_read_case_insensitively(string value, bool stored)
    {
        await RunJobAsync("Invoice__c", "insert", $"Name,Paid__c\nI,{value}\n");

        Assert.That((await QueryAsync("SELECT Paid__c FROM Invoice__c"))[0]["Paid__c"].GetBoolean(), Is.EqualTo(stored));
    }

    [Test]
    public async Task Scientific_notation_is_a_valid_double()
    {
        var run = await RunJobAsync("Account", "insert", "Name,AnnualRevenue\nA,1.5e3\n");

        Assert.That(run.Failed, Is.Zero);
        Assert.That((await QueryAsync("SELECT AnnualRevenue FROM Account"))[0]["AnnualRevenue"].GetDouble(), Is.EqualTo(1500));
    }

    [Test]
    public async Task Text_longer_than_the_field_is_STRING_TOO_LONG()
    {
        var tooLong = new string('x', 81);

        var error = await InsertOneAsync("Account", $"Name,External_Id__c\nA,{tooLong}\n");

        Assert.That(error, Is.EqualTo($"STRING_TOO_LONG:External Id: data value too large: {tooLong} (max length=80):External_Id__c --"));
    }

    [Test]
    public async Task A_value_outside_a_restricted_picklist_is_refused()
    {
        var error = await InsertOneAsync("Opportunity", "Name,StageName,CloseDate\nO,Dreaming,2024-01-01\n");

        Assert.That(error, Is.EqualTo("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:Stage: bad value for restricted picklist field: Dreaming:StageName --"));
    }

    [Test]
    public async Task Restricted_picklist_default_applies_when_the_value_is_absent()
    {
        await RunJobAsync("Lead", "insert", "LastName,Company\nL,C\n");

        Assert.That((await QueryAsync("SELECT Status FROM Lead"))[0]["Status"].GetString(), Is.EqualTo("Open - Not Contacted"));
    }

    [Test]
    public async Task Writing_a_field_that_is_not_createable_is_refused()
    {
        var error = await InsertOneAsync("Account", "Name,CreatedDate\nA,2024-01-01T00:00:00Z\n");

        Assert.That(error, Does.StartWith("INVALID_FIELD_FOR_INSERT_UPDATE:Unable to create/update fields: CreatedDate. Please check the security settings"));
        Assert.That(error, Does.EndWith(":CreatedDate --"));
    }

    [Test]
    public async Task Update_errors_name_the_problem_with_the_id()
    {
        var insert = await RunJobAsync("Account", "insert", "Name\nA\nB\n");
        var ids = CsvText.Parse(await ResultsAsync(insert.Id, "successfulResults")).Skip(1).Select(r => r[0]).ToList();
        await RunJobAsync("Account", "delete", $"Id\n{ids[1]}\n");
        var unknown = "001000000000000AAA";

        var update = await RunJobAsync("Account", "update", $"Id,Name\nnot-an-id,X\n{unknown},X\n{ids[1]},X\n,X\n{ids[0]},#N/A\n");
        var errors = await ErrorsAsync(update.Id);

        Assert.That(errors, Is.EqualTo(new[]
        {
            "MALFORMED_ID:malformed id not-an-id:--",
            "INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--",
            "ENTITY_IS_DELETED:entity is deleted:--",
            "MISSING_ARGUMENT:Id not specified in an update call:--",
            "REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --",
        }));
    }

    [Test]
    public async Task A_unique_value_already_used_is_DUPLICATE_VALUE()
    {
        var first = await RunJobAsync("Account", "insert", "Name,External_Id__c\nA,K-1\n");
        var id = CsvText.Parse(await ResultsAsync(first.Id, "successfulResults"))[1][0];

        var error = await InsertOneAsync("Account", "Name,External_Id__c\nB,k-1\n");

        Assert.That(error, Is.EqualTo($"DUPLICATE_VALUE:duplicate value found: External_Id__c duplicates value on record with id: {id}:--"));
    }

    [Test]
    public async Task Upsert_keys_repeated_in_one_job_fail_every_row_sharing_them()
    {
        var run = await RunJobAsync("Account", "upsert", "External_Id__c,Name\nK1,A\nK2,B\nK1,C\n", "External_Id__c");

        var errors = await ErrorsAsync(run.Id);

        Assert.That(run.Processed, Is.EqualTo(3));
        Assert.That(run.Failed, Is.EqualTo(2));
        Assert.That(errors, Is.EqualTo(new[] { "DUPLICATE_VALUE:Duplicate external id specified: K1:--", "DUPLICATE_VALUE:Duplicate external id specified: K1:--" }));
    }

    [Test]
    public async Task An_unresolved_relationship_names_the_key_and_entity()
    {
        var error = await InsertOneAsync("Contact", "LastName,Account.External_Id__c\nL,nope\n");

        Assert.That(error, Is.EqualTo("INVALID_FIELD:Foreign key external ID: nope not found for field External_Id__c in entity Account:--"));
    }

    [Test]
    public async Task A_reference_to_a_missing_record_or_a_malformed_id_fails()
    {
        var run = await RunJobAsync("Contact", "insert", "LastName,AccountId\nA,001000000000000AAA\nB,xyz\nC,003000000000001AAA\n");

        var errors = await ErrorsAsync(run.Id);

        Assert.That(errors, Is.EqualTo(new[]
        {
            "INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--",
            "MALFORMED_ID:Account ID: id value of incorrect type: xyz:AccountId --",
            "FIELD_INTEGRITY_EXCEPTION:Account ID: id value of incorrect type: 003000000000001AAA:AccountId --",
        }));
    }

    [Test]
    public async Task A_blank_custom_upsert_key_is_not_specified()
    {
        var run = await RunJobAsync("Account", "upsert", "External_Id__c,Name\n,A\n", "External_Id__c");

        Assert.That(await ErrorsAsync(run.Id), Is.EqualTo(new[] { "MISSING_ARGUMENT:External_Id__c not specified:--" }));
    }
}

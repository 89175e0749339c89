namespace SalesforceEmulator.Tests.Rows;

/// <summary>
/// Polymorphic references in Bulk API 2.0 uploads: a typed column per parent type (<c>Account:What.External_Id__c</c>),
/// at most one filled a row, the header's type checked against the field's referenceTo, and plain ids checked by
/// their key prefix against every type the field may point at.
/// </summary>
public sealed class PolymorphicColumnTests : RowRulesFixture
{
    private async Task<(string Account, string Opportunity, string Contact, string Lead)> SeedParentsAsync()
    {
        foreach (var (objectName, csv) in new[]
        {
            ("Account", "Name,External_Id__c\nAcme,A-1\n"),
            ("Opportunity", "Name,External_Id__c\nBig deal,O-1\n"),
            ("Contact", "LastName,External_Id__c\nDoe,C-1\n"),
            ("Lead", "LastName,Company,Email\nRoe,Roe Ltd,roe@example.com\n"),
        })
        {
            var run = await RunJobAsync(objectName, "insert", csv);
            Assert.That(run.Failed, Is.Zero, objectName);
        }
        return (await IdOf("Account"), await IdOf("Opportunity"), await IdOf("Contact"), await IdOf("Lead"));
    }

    private async Task<string> IdOf(string objectName) => (await QueryAsync($"SELECT Id FROM {objectName}"))[0]["Id"].GetString()!;

    private async Task<Dictionary<string, string?>> WhatIdsBySubject() =>
        (await QueryAsync("SELECT Subject, WhatId FROM Task")).ToDictionary(
            r => r["Subject"].GetString()!, r => r["WhatId"].ValueKind == System.Text.Json.JsonValueKind.Null ? null : r["WhatId"].GetString());

    [Test]
    public async Task One_job_points_rows_at_different_types_through_one_column_each_and_a_row_may_leave_them_empty()
    {
        var parents = await SeedParentsAsync();

        var run = await RunJobAsync("Task", "insert",
            "Subject,Account:What.External_Id__c,Opportunity:What.External_Id__c,Contact:Who.External_Id__c\n" +
            "Call,A-1,,C-1\nDemo,,O-1,\nNote,,,\n");

        Assert.That((run.State, run.Processed, run.Failed), Is.EqualTo(("JobComplete", 3L, 0L)));
        var whatIds = await WhatIdsBySubject();
        Assert.That(whatIds["Call"], Is.EqualTo(parents.Account));
        Assert.That(whatIds["Demo"], Is.EqualTo(parents.Opportunity));
        Assert.That(whatIds["Note"], Is.Null);
        var who = await QueryAsync("SELECT WhoId FROM Task WHERE Subject = 'Call'");
        Assert.That(who[0]["WhoId"].GetString(), Is.EqualTo(parents.Contact));
    }

    [Test]
    public async Task A_row_filling_two_types_of_one_reference_or_naming_a_missing_parent_fails_alone()
    {
        await SeedParentsAsync();

        var run = await RunJobAsync("Task", "insert",
            "Subject,Account:What.External_Id__c,Opportunity:What.External_Id__c\nBoth,A-1,O-1\nMissing,A-9,\nGood,A-1,\n");

        Assert.That((run.Processed, run.Failed), Is.EqualTo((3L, 2L)));
        Assert.That(await ErrorsAsync(run.Id), Is.EqualTo(new[]
        {
            "INVALID_FIELD:More than one foreign key reference given for WhatId; fill one What column a row:WhatId --",
            "INVALID_FIELD:Foreign key external ID: A-9 not found for field External_Id__c in entity Account:--",
        }));
        Assert.That((await WhatIdsBySubject()).Keys, Is.EqualTo(new[] { "Good" }));
    }

    [TestCase("Subject,Contact:What.External_Id__c\nx,C-1\n",
        "InvalidBatch : Contact is not a valid type for the polymorphic foreign key reference What (it may point to Account, Opportunity, Case)")]
    [TestCase("Subject,Widget__c:What.External_Id__c\nx,W-1\n",
        "InvalidBatch : Widget__c is not a valid type for the polymorphic foreign key reference What (it may point to Account, Opportunity, Case)")]
    [TestCase("Subject,What.External_Id__c\nx,A-1\n", "InvalidBatch : type is needed for polymorphic foreign key references: What")]
    [TestCase("Subject,Account:Parent.External_Id__c\nx,A-1\n", "InvalidBatch : Unable to find relationship: Parent")]
    [TestCase("Subject,Account:What.Name\nx,Acme\n", "InvalidBatch : Field name not found : Account:What.Name")]
    [TestCase("Subject,Account:What.External_Id__c,account:What.External_Id__c\nx,A-1,\n", "InvalidBatch : Duplicate field name: account:What.External_Id__c")]
    [TestCase("Subject,WhatId,Account:What.External_Id__c\nx,,A-1\n", "InvalidBatch : Duplicate field name: Account:What.External_Id__c")]
    public async Task A_header_naming_a_type_the_reference_cannot_take_fails_the_job(string csv, string error)
    {
        var run = await RunJobAsync("Task", "insert", csv);

        Assert.That(run.State, Is.EqualTo("Failed"));
        Assert.That(run.ErrorMessage, Is.EqualTo(error));
        Assert.That(run.Processed, Is.Zero);
    }

    [Test]
    public async Task A_type_on_a_reference_with_one_target_fails_the_job_as_Salesforce_says()
    {
        var run = await RunJobAsync("Contact", "insert", "LastName,Account:Account.External_Id__c\nDoe,A-1\n");

        Assert.That(run.ErrorMessage, Is.EqualTo("InvalidBatch : type is not needed for non polymorphic foreign key references: Account"));
    }

    [Test]
    public async Task Plain_ids_are_checked_against_every_type_the_reference_may_point_at()
    {
        var parents = await SeedParentsAsync();

        var run = await RunJobAsync("Task", "insert",
            $"Subject,WhatId,WhoId,OwnerId\nOpp,{parents.Opportunity},{parents.Lead},{SupportQueue}\n" +
            $"User-owned,{parents.Account},{parents.Contact},{SalesUser}\n" +
            $"Wrong what,{parents.Contact},,\nWrong who,,{parents.Account},\nWrong owner,,,{parents.Account}\n");

        Assert.That((run.Processed, run.Failed), Is.EqualTo((5L, 3L)));
        Assert.That(await ErrorsAsync(run.Id), Is.EqualTo(new[]
        {
            $"FIELD_INTEGRITY_EXCEPTION:Related To ID: id value of incorrect type: {parents.Contact}:WhatId --",
            $"FIELD_INTEGRITY_EXCEPTION:Name ID: id value of incorrect type: {parents.Account}:WhoId --",
            $"FIELD_INTEGRITY_EXCEPTION:Assigned To ID: id value of incorrect type: {parents.Account}:OwnerId --",
        }));
        var owners = await QueryAsync("SELECT Subject, OwnerId FROM Task ORDER BY Subject");
        Assert.That(owners.Select(r => r["OwnerId"].GetString()), Is.EqualTo(new[] { SupportQueue, SalesUser }));
    }

    [Test]
    public async Task A_typed_owner_column_sets_a_lead_owner_by_username_and_NA_in_a_typed_column_clears_the_field()
    {
        var parents = await SeedParentsAsync();

        var owned = await RunJobAsync("Lead", "update", $"Id,User:Owner.Username\n{parents.Lead},sales@emulator.local\n");
        Assert.That(owned.Failed, Is.Zero);
        Assert.That((await QueryAsync("SELECT OwnerId FROM Lead"))[0]["OwnerId"].GetString(), Is.EqualTo(SalesUser));

        var task = await RunJobAsync("Task", "insert", "Subject,Account:What.External_Id__c\nCall,A-1\n");
        Assert.That(task.Failed, Is.Zero);
        var taskId = await IdOf("Task");
        var cleared = await RunJobAsync("Task", "update", $"Id,Account:What.External_Id__c,Opportunity:What.External_Id__c\n{taskId},#N/A,\n");
        Assert.That(cleared.Failed, Is.Zero);
        Assert.That((await WhatIdsBySubject())["Call"], Is.Null);
    }
}

using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Rows;

/// <summary>
/// The row rules on the built-in org, as the target's end-to-end tests meet them: Tasks pointing at an Account and an
/// Opportunity by external id in one job, the name lookups' answers, and an Account record type by id.
/// </summary>
public sealed class DefaultOrgRowRulesTests : EmulatorFixture
{
    [Test]
    public async Task Tasks_point_at_an_account_and_an_opportunity_by_external_id_in_one_job()
    {
        await InsertAsync("Account", "Name,External_Id__c\nAcme,A-1\n");
        await InsertAsync("Contact", "LastName,External_Id__c\nDoe,C-1\n");
        await InsertAsync("Opportunity", "Name,StageName,CloseDate,External_Id__c\nDeal,Prospecting,2026-12-31,O-1\n");

        await InsertAsync("Task",
            "Subject,Account:What.External_Id__c,Opportunity:What.External_Id__c,Contact:Who.External_Id__c\nCall,A-1,,C-1\nDemo,,O-1,\n");

        var tasks = await QueryAsync("SELECT Subject, WhatId, WhoId FROM Task ORDER BY Subject");
        Assert.That(tasks.Select(t => t["Subject"].GetString()), Is.EqualTo(new[] { "Call", "Demo" }));
        Assert.That(tasks[0]["WhatId"].GetString(), Is.EqualTo((await QueryAsync("SELECT Id FROM Account"))[0]["Id"].GetString()));
        Assert.That(tasks[0]["WhoId"].GetString(), Is.EqualTo((await QueryAsync("SELECT Id FROM Contact"))[0]["Id"].GetString()));
        Assert.That(tasks[1]["WhatId"].GetString(), Is.EqualTo((await QueryAsync("SELECT Id FROM Opportunity"))[0]["Id"].GetString()));
    }

    private async Task InsertAsync(string objectName, string csv)
    {
        var run = await RunJobAsync(objectName, "insert", csv);
        Assert.That((run.State, run.Failed), Is.EqualTo(("JobComplete", 0L)), $"{objectName}: {run.ErrorMessage}");
    }

    [Test]
    public async Task The_name_lookups_find_the_default_record_types_users_and_queue()
    {
        var recordTypes = await QueryAsync(
            "SELECT Id, DeveloperName, SobjectType, IsActive FROM RecordType WHERE SobjectType = 'Account' AND DeveloperName IN ('Customer','Partner')");
        var byEmail = await QueryAsync("SELECT Id, Username, Email, IsActive FROM User WHERE Email IN ('admin@example.com','sales@example.com')");
        var byUsername = await QueryAsync("SELECT Id, Username, Email, IsActive FROM User WHERE Username IN ('sales@emulator.local')");
        var queues = await QueryAsync("SELECT Id, Name, DeveloperName FROM Group WHERE Type = 'Queue' AND DeveloperName IN ('Support_Queue')");

        Assert.That(recordTypes.Select(r => r["DeveloperName"].GetString()), Is.EquivalentTo(new[] { "Customer", "Partner" }));
        Assert.That(byEmail.Select(r => r["Username"].GetString()), Is.EquivalentTo(new[] { "admin@emulator.local", "sales@emulator.local" }));
        Assert.That(byUsername, Has.Count.EqualTo(1));
        Assert.That(queues, Has.Count.EqualTo(1));

        var partner = recordTypes.Single(r => r["DeveloperName"].GetString() == "Partner")["Id"].GetString();
        await InsertAsync("Account", $"Name,RecordTypeId\nReseller,{partner}\n");
    }
}

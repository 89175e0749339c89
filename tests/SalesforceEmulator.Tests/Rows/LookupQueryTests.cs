using SalesforceEmulator.Tests.Bulk.Query;
using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Rows;

/// <summary>
/// The queries a loader runs to turn names into ids (record types by DeveloperName, users by email or username,
/// queues by DeveloperName), through REST /query: IN lists, AND, boolean literals, on the row-rule org.
/// </summary>
public sealed class LookupQueryTests : RowRulesFixture
{
    [Test]
    public async Task Record_types_of_one_object_by_developer_name()
    {
        var records = await QueryAsync(
            "SELECT Id, DeveloperName, SobjectType, IsActive FROM RecordType WHERE SobjectType = 'Account' AND DeveloperName IN ('Customer','Partner','Support')");

        Assert.That(records.Select(r => r["DeveloperName"].GetString()), Is.EquivalentTo(new[] { "Customer", "Partner" }), "Support is a Case record type");
        var customer = records.Single(r => r["DeveloperName"].GetString() == "Customer");
        Assert.That(customer["Id"].GetString(), Is.EqualTo(CustomerRecordType));
        Assert.That(customer["SobjectType"].GetString(), Is.EqualTo("Account"));
        Assert.That(customer["IsActive"].GetBoolean(), Is.True);
    }

    [Test]
    public async Task Active_record_types_only_with_a_boolean_literal()
    {
        var records = await QueryAsync("SELECT DeveloperName FROM RecordType WHERE SobjectType = 'Account' AND IsActive = true");

        Assert.That(records.Select(r => r["DeveloperName"].GetString()), Is.EquivalentTo(new[] { "Customer", "Partner" }));
        var inactive = await QueryAsync("SELECT DeveloperName FROM RecordType WHERE IsActive = FALSE");
        Assert.That(inactive.Select(r => r["DeveloperName"].GetString()), Is.EqualTo(new[] { "Retired" }));
    }

    [Test]
    public async Task Users_by_email_include_every_match_with_its_active_flag()
    {
        var records = await QueryAsync("SELECT Id, Username, Email, IsActive FROM User WHERE Email IN ('sales@example.com','nobody@example.com')");

        Assert.That(records.Select(r => (r["Username"].GetString(), r["IsActive"].GetBoolean())),
            Is.EquivalentTo(new[] { ("sales@emulator.local", true), ("former@emulator.local", false) }));
    }

    [Test]
    public async Task Users_by_username_match_ignoring_case()
    {
        var records = await QueryAsync("SELECT Id, Username, Email, IsActive FROM User WHERE Username IN ('ADMIN@emulator.local','sales@emulator.local')");

        Assert.That(records.Select(r => r["Id"].GetString()), Is.EquivalentTo(new[] { AdminUser, SalesUser }));
    }

    [Test]
    public async Task Queues_by_developer_name_leave_other_groups_out()
    {
        var records = await QueryAsync("SELECT Id, Name, DeveloperName FROM Group WHERE Type = 'Queue' AND DeveloperName IN ('Support_Queue','Sales_Team')");

        Assert.That(records, Has.Count.EqualTo(1));
        Assert.That(records[0]["Id"].GetString(), Is.EqualTo(SupportQueue));
        Assert.That(records[0]["Name"].GetString(), Is.EqualTo("Support Queue"));
    }
}

/// <summary>The same name lookups as Bulk API 2.0 query jobs, whose CSV results a loader may read instead.</summary>
public sealed class LookupQueryJobTests : QueryJobFixture
{
    protected override EmulatorOptions CreateOptions() => new() { OrgFile = RowRulesFixture.OrgFile };

    [Test]
    public async Task Record_types_users_and_queues_come_back_as_csv()
    {
        var (header, rows) = await QueryRowsAsync(
            "SELECT Id, DeveloperName, SobjectType, IsActive FROM RecordType WHERE SobjectType = 'Account' AND DeveloperName IN ('Customer','Partner')");
        Assert.That(header, Is.EqualTo(new[] { "Id", "DeveloperName", "SobjectType", "IsActive" }));
        Assert.That(rows.Select(r => (r[1], r[3])), Is.EquivalentTo(new[] { ("Customer", "true"), ("Partner", "true") }));

        (_, rows) = await QueryRowsAsync("SELECT Id, Username, Email, IsActive FROM User WHERE Email IN ('admin@example.com')");
        Assert.That(rows.Select(r => r[1]), Is.EqualTo(new[] { "admin@emulator.local" }));

        (_, rows) = await QueryRowsAsync("SELECT Id, Name, DeveloperName FROM Group WHERE Type = 'Queue' AND DeveloperName IN ('Support_Queue')");
        Assert.That(rows.Select(r => r[0]), Is.EqualTo(new[] { "00G000000000001EAA" }));
    }
}

using System.Net.Http.Headers;
using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Org;

/// <summary>The rows the built-in org starts with, at the stable ids tests and docs name.</summary>
public sealed class DefaultRowsTests : EmulatorFixture
{
    [Test]
    public async Task Two_active_users_are_queryable_by_username_and_email()
    {
        var users = await QueryAsync("SELECT Id, Username, Email, IsActive, Name FROM User");

        Assert.That(users.Select(u => (u["Id"].GetString(), u["Username"].GetString(), u["Email"].GetString(), u["IsActive"].GetBoolean())),
            Is.EquivalentTo(new[]
            {
                ("005000000000001AAA", "admin@emulator.local", "admin@example.com", true),
                ("005000000000002AAA", "sales@emulator.local", "sales@example.com", true),
            }));
        Assert.That(users.Select(u => u["Name"].GetString()), Is.EquivalentTo(new[] { "Emulator Admin", "Sales Rep" }));
        var byEmail = await QueryAsync("SELECT Id FROM User WHERE Email = 'sales@example.com' AND IsActive = true");
        Assert.That(byEmail.Single()["Id"].GetString(), Is.EqualTo("005000000000002AAA"));
    }

    [Test]
    public async Task Account_has_the_Customer_and_Partner_record_types()
    {
        var types = await QueryAsync("SELECT Id, DeveloperName, Name, IsActive FROM RecordType WHERE SobjectType = 'Account'");

        Assert.That(types.Select(t => (t["Id"].GetString(), t["DeveloperName"].GetString(), t["Name"].GetString(), t["IsActive"].GetBoolean())),
            Is.EquivalentTo(new[]
            {
                ("012000000000001AAA", "Customer", "Customer", true),
                ("012000000000002AAA", "Partner", "Partner", true),
            }));
    }

    [Test]
    public async Task A_queue_takes_cases_and_leads()
    {
        var queue = (await QueryAsync("SELECT Id, Name, DeveloperName FROM Group WHERE Type = 'Queue'")).Single();
        var objects = await QueryAsync("SELECT SobjectType FROM QueueSobject WHERE QueueId = '00G000000000001EAA'");

        Assert.That(queue["Id"].GetString(), Is.EqualTo("00G000000000001EAA"));
        Assert.That(queue["DeveloperName"].GetString(), Is.EqualTo("Support_Queue"));
        Assert.That(objects.Select(o => o["SobjectType"].GetString()), Is.EquivalentTo(new[] { "Case", "Lead" }));
    }

    [Test]
    public async Task An_inserted_account_without_owner_is_owned_by_the_admin()
    {
        var run = await RunJobAsync("Account", "insert", "Name\nAcme\n");
        var rows = await QueryAsync("SELECT OwnerId, Owner.Username FROM Account");

        Assert.That(run.Failed, Is.Zero);
        Assert.That(rows.Single()["OwnerId"].GetString(), Is.EqualTo("005000000000001AAA"));
    }

    [Test]
    public async Task The_sales_user_logs_in_as_its_User_row()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "emulator-client", ["client_secret"] = "emulator-secret",
            ["username"] = "sales@emulator.local", ["password"] = "passwordtoken",
        });
        using var login = await Client.PostAsync("/services/oauth2/token", form);
        var token = (await ReadJson(login)).GetProperty("access_token").GetString();
        using var userinfo = new HttpRequestMessage(HttpMethod.Get, "/services/oauth2/userinfo");
        userinfo.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var answer = await Client.SendAsync(userinfo);

        var identity = await ReadJson(answer);

        Assert.That(identity.GetProperty("user_id").GetString(), Is.EqualTo("005000000000002AAA"));
        Assert.That(identity.GetProperty("email").GetString(), Is.EqualTo("sales@example.com"), "the User row's, as userinfo answers");
        Assert.That(identity.GetProperty("name").GetString(), Is.EqualTo("Sales Rep"));
    }
}

using System.Net;
using System.Text.Json;
using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Rest;

public sealed class QueryTests : EmulatorFixture
{
    [SetUp]
    public async Task LoadAccounts()
    {
        var run = await RunJobAsync("Account", "insert",
            "Name,Industry,NumberOfEmployees,AnnualRevenue\nBeta,Retail,20,\nAlpha,Retail,5,100.5\nGamma,Energy,,7\n");
        Assert.That(run.Failed, Is.Zero);
    }

    private async Task<List<string?>> NamesAsync(string soql) =>
        (await QueryAsync(soql)).Select(r => r["Name"].GetString()).ToList();

    [Test]
    public async Task Select_returns_the_real_shape()
    {
        var json = await GetJson($"{V}/query?q={Uri.EscapeDataString("SELECT Id, Name, NumberOfEmployees, AnnualRevenue FROM Account WHERE Name = 'Alpha'")}");
        var record = json.GetProperty("records")[0];

        Assert.That(json.GetProperty("totalSize").GetInt32(), Is.EqualTo(1));
        Assert.That(json.GetProperty("done").GetBoolean(), Is.True);
        Assert.That(record.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "attributes", "Id", "Name", "NumberOfEmployees", "AnnualRevenue" }));
        Assert.That(record.GetProperty("attributes").GetProperty("url").GetString(), Is.EqualTo($"/services/data/v60.0/sobjects/Account/{record.GetProperty("Id").GetString()}"));
        Assert.That(record.GetProperty("NumberOfEmployees").ValueKind, Is.EqualTo(JsonValueKind.Number));
        // AnnualRevenue has scale 0: stored values are rounded to it.
        Assert.That(record.GetProperty("AnnualRevenue").GetDouble(), Is.EqualTo(101));
    }

    [Test]
    public async Task Where_with_and_filters_case_insensitively()
    {
        Assert.That(await NamesAsync("select Name from account where Industry = 'retail' and NumberOfEmployees = 20"), Is.EqualTo(new[] { "Beta" }));
        Assert.That(await NamesAsync("SELECT Name FROM Account WHERE NumberOfEmployees = null"), Is.EqualTo(new[] { "Gamma" }));
        Assert.That(await NamesAsync("SELECT Name FROM Account WHERE Industry != 'Retail'"), Is.EqualTo(new[] { "Gamma" }));
    }

    [Test]
    public async Task Order_by_and_limit_apply()
    {
        Assert.That(await NamesAsync("SELECT Name FROM Account ORDER BY Name"), Is.EqualTo(new[] { "Alpha", "Beta", "Gamma" }));
        Assert.That(await NamesAsync("SELECT Name FROM Account ORDER BY NumberOfEmployees DESC LIMIT 2"), Is.EqualTo(new[] { "Beta", "Alpha" }));
        Assert.That(await NamesAsync("SELECT Name FROM Account ORDER BY NumberOfEmployees ASC"), Is.EqualTo(new[] { "Gamma", "Alpha", "Beta" }));
    }

    [Test]
    public async Task Count_returns_the_size_and_no_records()
    {
        var json = await GetJson($"{V}/query?q={Uri.EscapeDataString("SELECT COUNT() FROM Account WHERE Industry = 'Retail'")}");

        Assert.That(json.GetProperty("totalSize").GetInt32(), Is.EqualTo(2));
        Assert.That(json.GetProperty("records").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task The_organization_query_of_the_sf_cli_answers()
    {
        var json = await GetJson("//services/data/v65.0/query?q=" +
            Uri.EscapeDataString("SELECT Name, InstanceName, IsSandbox, TrialExpirationDate, NamespacePrefix, OrganizationType FROM Organization"));
        var org = json.GetProperty("records")[0];

        Assert.That(org.GetProperty("IsSandbox").GetBoolean(), Is.False);
        Assert.That(org.GetProperty("NamespacePrefix").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(org.GetProperty("attributes").GetProperty("url").GetString(), Does.Contain(Host.Org.OrganizationId));
    }

    [Test]
    public async Task Columns_true_describes_the_selected_columns_as_the_sf_cli_reads_them()
    {
        var json = await GetJson($"{V}/query?q={Uri.EscapeDataString("SELECT Id, Name, NumberOfEmployees, External_Id__c FROM Account")}&columns=true");
        var columns = json.GetProperty("columnMetadata").EnumerateArray().ToList();

        Assert.That(json.TryGetProperty("records", out _), Is.False, "column metadata, not rows");
        Assert.That(columns.Select(c => c.GetProperty("columnName").GetString()), Is.EqualTo(new[] { "Id", "Name", "NumberOfEmployees", "External_Id__c" }));
        Assert.That(columns.Select(c => c.GetProperty("joinColumns").GetArrayLength()), Is.All.Zero);
        Assert.That(columns.Select(c => c.GetProperty("apexType").GetString()), Is.EqualTo(new[] { "Id", "String", "Integer", "String" }));
        Assert.That(columns[0].GetProperty("insertable").GetBoolean(), Is.False);
        Assert.That(columns[1].GetProperty("textType").GetBoolean(), Is.True);
        Assert.That(columns[2].GetProperty("numberType").GetBoolean(), Is.True);
        Assert.That(columns[3].GetProperty("custom").GetBoolean(), Is.True);
        Assert.That(json.GetProperty("entityName").GetString(), Is.EqualTo("Account"));
        Assert.That(json.GetProperty("idSelected").GetBoolean(), Is.True);
        Assert.That(json.GetProperty("keyPrefix").GetString(), Is.EqualTo("001"));
    }

    [TestCase("SELECT Id FROM ScratchOrgInfo limit 1", "INVALID_TYPE", "sObject type 'ScratchOrgInfo' is not supported.")]
    [TestCase("SELECT Id, Bogus FROM Account", "INVALID_FIELD", "No such column 'Bogus' on entity 'Account'.")]
    [TestCase("SELECT FROM Account", "MALFORMED_QUERY", "ERROR at Row:1:Column:8")]
    [TestCase("SELECT Id FROM Account WHERE Name = 'a' AND Phone = 'b' OR Name = 'c'", "MALFORMED_QUERY", "unexpected token: 'OR'")]
    [TestCase("SELECT Id FROM Account WHERE NumberOfEmployees = '5'", "INVALID_FIELD", "must be of type int")]
    public async Task Refused_queries_are_400_with_the_real_code(string soql, string code, string message)
    {
        using var response = await Client.GetAsync($"{V}/query?q={Uri.EscapeDataString(soql)}");
        var json = await ReadJson(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(json[0].GetProperty("errorCode").GetString(), Is.EqualTo(code));
        Assert.That(json[0].GetProperty("message").GetString(), Does.Contain(message));
    }

    [Test]
    public async Task Deleted_records_are_not_returned()
    {
        var alpha = (await QueryAsync("SELECT Id FROM Account WHERE Name = 'Alpha'"))[0]["Id"].GetString();
        await RunJobAsync("Account", "delete", $"Id\n{alpha}\n");

        Assert.That(await NamesAsync("SELECT Name FROM Account ORDER BY Name"), Is.EqualTo(new[] { "Beta", "Gamma" }));
    }
}

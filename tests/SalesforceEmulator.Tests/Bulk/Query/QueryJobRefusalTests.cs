using System.Net;

namespace SalesforceEmulator.Tests.Bulk.Query;

/// <summary>Creates Salesforce refuses: bad SOQL (as a REST query is refused), what Bulk API 2.0 does not run, bad settings.</summary>
public sealed class QueryJobRefusalTests : QueryJobFixture
{
    [TestCase("SELECT Id FROM Nope__c", "INVALID_TYPE", "sObject type 'Nope__c' is not supported.")]
    [TestCase("SELECT Bogus FROM Account", "INVALID_FIELD", "No such column 'Bogus' on entity 'Account'.")]
    [TestCase("SELECT Id FROM Contact WHERE Acount.Name = 'x'", "INVALID_FIELD", "Didn't understand relationship 'Acount' in field path.")]
    [TestCase("SELECT Account.Bogus FROM Contact", "INVALID_FIELD", "No such column 'Bogus' on entity 'Account'.")]
    [TestCase("SELECT FROM Account", "MALFORMED_QUERY", "ERROR at Row:1:Column:8")]
    [TestCase("SELECT Id FROM Account WHERE Name = 'a' OR Name = 'b' AND Phone = 'c'", "MALFORMED_QUERY", "unexpected token: 'AND'")]
    [TestCase("SELECT Id FROM Account WHERE Name IN ('a'", "MALFORMED_QUERY", "expecting ')'")]
    [TestCase("SELECT Id FROM Account WHERE NumberOfEmployees = '5'", "INVALID_FIELD", "must be of type int")]
    [TestCase("SELECT Id FROM Account WHERE Name = 5", "INVALID_FIELD", "should be enclosed in quotes")]
    [TestCase("SELECT Id FROM Account WHERE NumberOfEmployees LIKE '1%'", "INVALID_FIELD", "LIKE cannot be used on a field of type int")]
    [TestCase("SELECT Id FROM Account WHERE Name = TODAY", "INVALID_FIELD", "must be of type string")]
    [TestCase("SELECT COUNT() FROM Account", "API_ERROR", "COUNT()")]
    [TestCase("SELECT Name, (SELECT LastName FROM Contacts) FROM Account", "API_ERROR", "Aggregate Relationships not supported in Bulk V2 Query with CSV content type")]
    [TestCase("SELECT Id FROM Account LIMIT 5 OFFSET 2", "API_ERROR", "OFFSET")]
    public async Task A_query_Bulk_cannot_run_is_refused_at_create(string soql, string code, string message)
    {
        using var response = await CreateQueryJobAsync(soql);
        var json = await ReadJson(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(json[0].GetProperty("errorCode").GetString(), Is.EqualTo(code));
        Assert.That(json[0].GetProperty("message").GetString(), Does.Contain(message));
        Assert.That((await GetJson($"{V}/jobs/query")).GetProperty("records").GetArrayLength(), Is.Zero, "no job was made");
    }

    [TestCase("""{"operation":"insert","query":"SELECT Id FROM Account"}""", "Invalid value for operation: insert")]
    [TestCase("""{"query":"SELECT Id FROM Account"}""", "Invalid value for operation: (missing)")]
    [TestCase("""{"operation":"query"}""", "Query is required")]
    [TestCase("""{"operation":"query","query":"SELECT Id FROM Account","contentType":"JSON"}""", "Invalid value for contentType: JSON")]
    [TestCase("""{"operation":"query","query":"SELECT Id FROM Account","columnDelimiter":"SPACE"}""", "Invalid value for columnDelimiter: SPACE")]
    [TestCase("""{"operation":"query","query":"SELECT Id FROM Account","lineEnding":"CR"}""", "Invalid value for lineEnding: CR")]
    [TestCase("""{"operation":"query","query":"SELECT Id FROM Account","object":"Contact"}""", "The root entity of the requested query (Account) does not match the entity of the requested Bulk API Job (Contact)")]
    public async Task Bad_job_settings_are_INVALIDJOB(string body, string message)
    {
        using var response = await PostJsonAsync($"{V}/jobs/query", body);
        var json = await ReadJson(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(json[0].GetProperty("errorCode").GetString(), Is.EqualTo("INVALIDJOB"));
        Assert.That(json[0].GetProperty("message").GetString(), Does.Contain(message));
    }

    [Test]
    public async Task A_body_that_is_not_JSON_is_JSON_PARSER_ERROR()
    {
        using var response = await PostJsonAsync($"{V}/jobs/query", "{operation");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ReadJson(response))[0].GetProperty("errorCode").GetString(), Is.EqualTo("JSON_PARSER_ERROR"));
    }

    [Test]
    public async Task REST_query_refuses_a_subquery_it_cannot_run_rather_than_dropping_it()
    {
        using var response = await Client.GetAsync($"{V}/query?q={Uri.EscapeDataString("SELECT Name, (SELECT LastName FROM Contacts) FROM Account")}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ReadJson(response))[0].GetProperty("errorCode").GetString(), Is.EqualTo("MALFORMED_QUERY"));
    }
}

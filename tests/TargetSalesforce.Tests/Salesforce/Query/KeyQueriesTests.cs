using TargetSalesforce.Salesforce;
using TargetSalesforce.Salesforce.Query;

namespace TargetSalesforce.Tests.Salesforce.Query;

public class KeyQueriesTests
{
    [Test]
    public void Every_key_lands_in_exactly_one_statement_and_none_passes_the_limit()
    {
        var keys = Enumerable.Range(0, 1_000).Select(i => $"key-{i}").ToList();

        var statements = KeyQueries.Build("Contact", "External_Id__c", "string", keys, 500, false);

        Assert.That(statements.Select(s => s.Length), Is.All.LessThanOrEqualTo(500));
        var named = statements.SelectMany(s => s[(s.IndexOf("IN (", StringComparison.Ordinal) + 4)..^1].Split(',')).ToList();
        Assert.That(named, Is.EqualTo(keys.Select(k => $"'{k}'")));
    }

    [Test]
    public void A_hundred_thousand_keys_take_a_handful_of_statements_at_Salesforce_s_limit()
    {
        var keys = Enumerable.Range(0, 100_000).Select(i => $"CUST-{i:D7}").ToList();

        var statements = KeyQueries.Build("Contact", "External_Id__c", "string", keys, SalesforceLimits.MaxSoqlLength, false);

        Assert.That(statements, Has.Count.LessThanOrEqualTo(16));
        Assert.That(statements.Select(s => s.Length), Is.All.LessThanOrEqualTo(SalesforceLimits.MaxSoqlLength));
    }

    [Test]
    public void Quotes_and_backslashes_are_escaped_and_numeric_keys_go_bare()
    {
        Assert.That(SoqlLiteral.For("O'Brien\\1", "string"), Is.EqualTo(@"'O\'Brien\\1'"));
        Assert.That(SoqlLiteral.For("42.50", "double"), Is.EqualTo("42.5"));
        Assert.Throws<FormatException>(() => SoqlLiteral.For("4 2", "double"));
        Assert.That(KeyQueries.Build("Acct__c", "Num__c", "double", ["1", "2.0"], 1000, true),
            Is.EqualTo(new[] { "SELECT Id, Num__c, IsDeleted FROM Acct__c WHERE Num__c IN (1,2)" }));
    }
}

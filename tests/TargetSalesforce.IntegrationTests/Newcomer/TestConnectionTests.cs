using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Newcomer;

/// <summary>`--test-connection` checks every stream the config names before anything loads.</summary>
internal sealed class TestConnectionTests : EmulatorTestBase
{
    [Test]
    public async Task Each_configured_stream_gets_a_row_and_every_problem_is_named_with_a_non_zero_exit()
    {
        var streams = new Dictionary<string, object>
        {
            ["contacts"] = new { @object = "Contact", action = "upsert", external_id_name = "External_Id__c" },
            ["accounts"] = new { @object = "Account", action = "upsert", external_id_name = "Name" },
            ["crm_peeple"] = new { action = "insert" },
        };

        var result = await RunTargetAsync(string.Empty, new { action = "insert", streams }, "--test-connection");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
        var rows = result.Stderr.Split('\n');
        Assert.That(rows, Has.Some.Contains("stream").And.Contain("object").And.Contain("action").And.Contain("key").And.Contain("check"));
        Assert.That(rows, Has.Some.Match(@"streams\.contacts\s+Contact\s+upsert\s+External_Id__c\s+ok"));
        Assert.That(rows, Has.Some.Match(@"streams\.accounts\s+Account\s+upsert\s+Name\s+FAILED"));
        Assert.That(result.Stderr, Does.Contain("streams.accounts: the upsert key Name is not an External ID"));
        Assert.That(result.Stderr, Does.Contain("streams.crm_peeple: Salesforce object 'crm_peeple' does not exist"));
        Assert.That(result.Stderr, Does.Not.Contain("Connection test passed"));
    }

    [Test]
    public async Task A_config_whose_streams_all_check_out_passes()
    {
        var streams = new Dictionary<string, object> { ["contacts"] = new { @object = "Contact" } };

        var result = await RunTargetAsync(string.Empty, new { action = "upsert", external_id_name = "External_Id__c", streams }, "--test-connection");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(result.Stderr, Does.Match(@"streams\.contacts\s+Contact\s+upsert\s+External_Id__c\s+ok"));
        Assert.That(result.Stderr, Does.Contain("Connection test passed"));
    }
}

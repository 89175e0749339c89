using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using TargetSalesforce.Destination;
using TargetSalesforce.Salesforce;
using TargetSalesforce.Salesforce.Http;
using TargetSalesforce.Salesforce.Limits;

namespace TargetSalesforce.Tests.Salesforce.Limits;

public class OrgAllowanceTests
{
    private static readonly SalesforceClientOptions Options = new() { MaxApiUsagePercent = 90, MaxBulkBatchUsagePercent = 80 };

    private static Dictionary<string, DailyAllowance> Limits(long apiMax, long apiRemaining, long batchMax, long batchRemaining) => new()
    {
        [LimitsResource.DailyApiRequests] = new DailyAllowance(LimitsResource.DailyApiRequests, apiMax, apiRemaining),
        [LimitsResource.DailyBulkApiBatches] = new DailyAllowance(LimitsResource.DailyBulkApiBatches, batchMax, batchRemaining),
    };

    private static ApiResponse Answer(string? limitInfo) => new(HttpStatusCode.OK, "application/json", []) { LimitInfo = limitInfo };

    [TestCase("api-usage=18/15000", 18, 15000)]
    [TestCase("api-usage=25/5000, per-app-api-usage=17/250(appName=sample-app)", 25, 5000)]
    [TestCase("per-app-api-usage=17/250(appName=x), api-usage=3/100", 3, 100)]
    public void The_header_gives_the_orgs_requests_used_and_their_maximum(string header, long used, long max)
    {
        Assert.That(LimitInfoHeader.TryParseApiUsage(header, out var u, out var m), Is.True);
        Assert.That((u, m), Is.EqualTo((used, max)));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("per-app-api-usage=17/250(appName=x)")]
    [TestCase("api-usage=5/0")]
    public void A_header_without_the_orgs_usage_says_nothing(string? header) =>
        Assert.That(LimitInfoHeader.TryParseApiUsage(header, out _, out _), Is.False);

    [Test]
    public void A_call_that_would_pass_the_share_of_requests_is_refused_naming_the_limit_the_usage_and_the_setting()
    {
        var allowance = new OrgAllowance(Options, NullLogger.Instance);
        allowance.Start(Limits(1000, 105, 15000, 15000)); // 895 used; 90 % is 900

        allowance.Reserve("a call", 4, 0); // booked: 899
        Assert.That(() => allowance.Reserve("loading 200 rows to Contact by sObject Collections", 6, 0),
            Throws.InstanceOf<AllowanceReachedException>().With.Message
                .Contains("DailyApiRequests").And.Message.Contains("max_api_usage_percent (90%)")
                .And.Message.Contains("899 of 1,000 are used (89.9%)").And.Message.Contains("loading 200 rows to Contact"));
    }

    [Test]
    public void The_header_moves_the_count_an_answer_without_it_counts_one_and_bookings_hold()
    {
        var allowance = new OrgAllowance(Options, NullLogger.Instance);
        allowance.Start(Limits(1000, 1000, 15000, 15000));

        allowance.Observe(Answer("api-usage=898/1000"));
        allowance.Observe(Answer(null));

        Assert.That(() => allowance.Reserve("a call", 1, 0), Throws.Nothing, "899 + 1 reaches 90 % without passing it");
        Assert.That(() => allowance.Reserve("one more", 1, 0), Throws.InstanceOf<AllowanceReachedException>().With.Message.Contains("900 of 1,000"), "the call let through is booked");
        allowance.Observe(Answer("api-usage=880/1000"));
        Assert.That(() => allowance.Reserve("one more", 1, 0), Throws.InstanceOf<AllowanceReachedException>(), "an older answer does not undo a booking");
    }

    [Test]
    public void An_answer_counted_before_the_limits_list_arrives_is_not_undone_by_it()
    {
        var allowance = new OrgAllowance(Options, NullLogger.Instance);
        allowance.Observe(Answer("api-usage=881/1000")); // the describe, answered before /limits
        allowance.Start(Limits(1000, 120, 15000, 15000)); // /limits read just before: 880 used

        Assert.That(() => allowance.Reserve("a call", 19, 0), Throws.Nothing, "881 + 19 reaches 90 % without passing it");
        Assert.That(() => allowance.Reserve("one more", 1, 0), Throws.InstanceOf<AllowanceReachedException>().With.Message.Contains("900 of 1,000"));
    }

    [Test]
    public void Bulk_batches_are_booked_per_10000_rows_and_refused_past_their_share()
    {
        var allowance = new OrgAllowance(Options, NullLogger.Instance);
        allowance.Start(Limits(15000, 15000, 100, 25)); // 75 used; 80 % is 80

        allowance.Reserve("a job", 7, OrgAllowance.BulkBatchesFor(30_000));
        allowance.Reserve("a job", 7, OrgAllowance.BulkBatchesFor(10_001)); // 80 used: at the share, not past it
        Assert.That(OrgAllowance.BulkBatchesFor(30_001), Is.EqualTo(4));
        Assert.That(() => allowance.Reserve("a Bulk job of 1 rows to Account", 7, OrgAllowance.BulkBatchesFor(1)),
            Throws.InstanceOf<AllowanceReachedException>().With.Message.Contains("DailyBulkApiBatches").And.Message.Contains("max_bulk_batch_usage_percent (80%)"));
    }

    [Test]
    public void An_allowance_the_org_did_not_list_is_not_guarded()
    {
        var allowance = new OrgAllowance(Options, NullLogger.Instance);

        Assert.That(() => allowance.Reserve("a job", 1_000_000, 1_000_000), Throws.Nothing);
    }
}

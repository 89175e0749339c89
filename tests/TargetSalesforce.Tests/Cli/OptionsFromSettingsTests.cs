using TargetSalesforce.Cli;
using TargetSalesforce.Configuration;
using TargetSalesforce.Destination;
using TargetSalesforce.Salesforce;

namespace TargetSalesforce.Tests.Cli;

/// <summary>The composition root: every setting that configures a part reaches that part's options.</summary>
public class OptionsFromSettingsTests
{
    private static readonly TargetSettings Plain = new() { Domain = "acme.my", Action = LoadAction.Insert };

    private static readonly StreamOperations NoRouting = new(Plain, new Dictionary<string, string>());

    [Test]
    public void Loading_takes_the_batch_job_and_record_settings()
    {
        var settings = new TargetSettings
        {
            Domain = "login", Action = LoadAction.Upsert, BatchSizeRows = 7, BatchSizeBytes = 4096, BatchWaitLimitSeconds = 2.5,
            MaxParallelJobs = 3, LockRetryAttempts = 5, ValidateRecords = false, ProcessDeletes = true, AllowFailures = true,
            RejectFile = "rejects.jsonl", ProgressIntervalSeconds = 12,
        };

        var options = OptionsFromSettings.ForLoading(settings, new StreamOperations(settings, new Dictionary<string, string>()));

        Assert.That(options.Flush.MaxBatchRows, Is.EqualTo(7));
        Assert.That(options.Flush.MaxBatchBytes, Is.EqualTo(4096));
        Assert.That(options.Flush.MaxAge, Is.EqualTo(TimeSpan.FromSeconds(2.5)));
        Assert.That(options.Jobs.MaxParallelJobs, Is.EqualTo(3));
        Assert.That(options.Jobs.LockRetryAttempts, Is.EqualTo(5));
        Assert.That((options.ValidateRecords, options.ProcessDeletes, options.AllowFailures), Is.EqualTo((false, true, true)));
        Assert.That(options.RejectFile, Is.EqualTo("rejects.jsonl"));
        Assert.That(options.ProgressInterval, Is.EqualTo(TimeSpan.FromSeconds(12)));
        Assert.That(options.OperationFor("contacts"), Is.EqualTo(new ObjectOperation("contacts", LoadAction.Upsert, "Id")));
    }

    [TestCase(true, 25, 500, 30_000, 2_500)]
    [TestCase(true, 25, 4_000, 30_000, 4_001)]
    [TestCase(true, 3, 500, 0, 0)]
    [TestCase(false, 25, 500, 0, 0)]
    public void Small_last_jobs_need_balance_final_jobs_and_four_jobs_in_flight_and_stay_above_the_rest_threshold(
        bool balance, int parallel, int restThreshold, int reserveRows, int endJobRows)
    {
        var settings = new TargetSettings
        {
            Domain = "login", Action = LoadAction.Upsert, BalanceFinalJobs = balance, MaxParallelJobs = parallel, RestThresholdRows = restThreshold,
        };

        var flush = OptionsFromSettings.ForLoading(settings, NoRouting).Flush;

        Assert.That((flush.ReserveRows, flush.EndJobRows), Is.EqualTo((reserveRows, endJobRows)));
    }

    [Test]
    public void A_streams_assignment_rule_wins_over_the_runs_and_its_field_map_reaches_loading()
    {
        var settings = new TargetSettings
        {
            Domain = "login", Action = LoadAction.Insert, AssignmentRuleId = "01Q000000000001",
            Streams = new Dictionary<string, StreamOverride>
            {
                ["cases"] = new(null, null, null, AssignmentRuleId: "01Q000000000002", Fields: new Dictionary<string, string?> { ["subject_line"] = "Subject" }),
            },
        };

        var options = OptionsFromSettings.ForLoading(settings, new StreamOperations(settings, new Dictionary<string, string>()));

        Assert.That(options.OperationFor("cases").AssignmentRuleId, Is.EqualTo("01Q000000000002"));
        Assert.That(options.OperationFor("leads").AssignmentRuleId, Is.EqualTo("01Q000000000001"));
        Assert.That(options.RenamesFor("cases")?.NameOf("subject_line"), Is.EqualTo("Subject"));
        Assert.That(options.RenamesFor("leads"), Is.Null);
    }

    [Test]
    public void A_batch_wait_limit_of_zero_means_buffers_never_age_out()
    {
        var options = OptionsFromSettings.ForLoading(new TargetSettings { Domain = "login", Action = LoadAction.Insert, BatchWaitLimitSeconds = 0 }, NoRouting);

        Assert.That(options.Flush.MaxAge, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void Batch_bytes_never_pass_what_one_salesforce_upload_may_carry()
    {
        var settings = new TargetSettings { Domain = "login", Action = LoadAction.Insert, BatchSizeBytes = SalesforceLimits.MaxUploadBytes * 2 };

        Assert.That(OptionsFromSettings.ForLoading(settings, NoRouting).Flush.MaxBatchBytes, Is.EqualTo(SalesforceLimits.MaxUploadBytes));
        Assert.That(OptionsFromSettings.ForSalesforce(settings).MaxJobBytes, Is.EqualTo(SalesforceLimits.MaxUploadBytes));
    }

    [Test]
    public void The_schema_caps_batch_size_bytes_at_the_upload_limit_and_defaults_to_it()
    {
        var setting = SettingsSchema.Instance.Document["properties"]!["batch_size_bytes"]!;

        Assert.That((long)setting["maximum"]!, Is.EqualTo(SalesforceLimits.MaxUploadBytes));
        Assert.That((long)setting["default"]!, Is.EqualTo(SalesforceLimits.MaxUploadBytes));
        Assert.That(new TargetSettings { Domain = "login", Action = LoadAction.Insert }.BatchSizeBytes, Is.EqualTo(SalesforceLimits.MaxUploadBytes));
    }

    [Test]
    public void The_salesforce_client_takes_the_login_url_version_timeouts_polling_and_unknown_field_policy()
    {
        var settings = new TargetSettings
        {
            Domain = "acme.my", Action = LoadAction.Insert, ApiVersion = "v62", RequestTimeoutSeconds = 30, PollIntervalSeconds = 2,
            PollMaxIntervalSeconds = 1, JobTimeoutSeconds = 600, UnknownFields = UnknownFieldPolicy.Fail,
        };

        var options = OptionsFromSettings.ForSalesforce(settings);

        Assert.That(options.LoginUrl, Is.EqualTo(new Uri("https://acme.my.salesforce.com")));
        Assert.That(options.ApiVersion, Is.EqualTo("62.0"));
        Assert.That(options.RequestTimeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(options.PollInterval, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(options.PollMaxInterval, Is.EqualTo(TimeSpan.FromSeconds(2)), "never shorter than the first interval");
        Assert.That(options.JobTimeout, Is.EqualTo(TimeSpan.FromSeconds(600)));
        Assert.That(options.FailOnUnknownFields, Is.True);
    }
}

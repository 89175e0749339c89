using Newtonsoft.Json.Linq;
using TargetSalesforce.IntegrationTests.Support;

namespace TargetSalesforce.IntegrationTests.Faults;

/// <summary>
/// The server misbehaving on each Bulk route: bursts of 5xx, request limits, dropped connections,
/// answers slower than the request timeout. Transient trouble is ridden out and every record lands;
/// what cannot be ridden out ends the run cleanly, and in every case the accounting holds.
/// </summary>
internal sealed class ServerFaultTests : EmulatorTestBase
{
    private static readonly JObject ContactSchema = SingerStream.ObjectSchema(new Dictionary<string, string>
    {
        ["External_Id__c"] = "string", ["FirstName"] = "string", ["LastName"] = "string",
    });

    /// <summary>30 contacts, one of which (C-17) the org rejects (no LastName), so failedResults is read too.</summary>
    private static SingerStream ContactsWithOneRejected()
    {
        var input = new SingerStream().Schema("Contact", ContactSchema);
        for (var i = 1; i <= 30; i++)
        {
            input = i == 17
                ? input.Record("Contact", new { External_Id__c = $"C-{i:D2}", FirstName = "Nameless" })
                : input.Record("Contact", new { External_Id__c = $"C-{i:D2}", LastName = $"Person {i}" });
            if (i % 5 == 0)
            {
                input.State(new { position = i });
            }
        }

        return input;
    }

    private static JObject Config(string rejectFile, object? more = null)
    {
        var values = JObject.FromObject(new
        {
            action = "upsert", external_id_name = "External_Id__c", allow_failures = true, reject_file = rejectFile,
            batch_size_rows = 10, max_parallel_jobs = 2,
        });
        if (more is not null)
        {
            values.Merge(JObject.FromObject(more));
        }

        return values;
    }

    private static string TempFile() => Path.Combine(Path.GetTempPath(), $"rejects-{Guid.NewGuid():N}.jsonl");

    /// <summary>
    /// Runs the 30 contacts with the fault plan and checks the run rode it out: all 29 good ones in, C-17 reported.
    /// Returns the run and how often each rule of the plan fired.
    /// </summary>
    private async Task<(TargetResult Result, IReadOnlyList<int> Fired)> AssertSurvivedAsync(object[] faults, object? moreConfig = null)
    {
        var rejectFile = TempFile();
        try
        {
            await Org.SetFaultsAsync(faults);
            var input = ContactsWithOneRejected();

            var result = await RunTargetAsync(input, Config(rejectFile, moreConfig));

            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            var fired = await Org.FaultsFiredAsync();
            Assert.That(fired, Has.All.GreaterThan(0), "every fault of the plan fired");
            Assert.That(await Org.CountAsync("Contact"), Is.EqualTo(29));
            Assert.That((await File.ReadAllLinesAsync(rejectFile)).Select(l => (string?)JObject.Parse(l)["record"]!["External_Id__c"]), Is.EqualTo(new[] { "C-17" }));
            Assert.That(result.StdoutLines[^1], Is.EqualTo("""{"position":30}"""));
            await AccountingInvariant.AssertHoldsAsync(input.ToString(), result, Org, "Contact", "External_Id__c", rejectFile);
            return (result, fired);
        }
        finally
        {
            File.Delete(rejectFile);
        }
    }

    [TestCase("POST /jobs/ingest", 500, TestName = "A 500 burst on create job")]
    [TestCase("PUT /jobs/ingest/*/batches", 502, TestName = "A 502 burst on upload")]
    [TestCase("PATCH /jobs/ingest/*", 503, TestName = "A 503 burst on close job")]
    [TestCase("GET /jobs/ingest/*", 500, TestName = "A 500 burst on job status polls")]
    [TestCase("GET /jobs/ingest/*/failedResults", 502, TestName = "A 502 burst on failed results")]
    [TestCase("GET /sobjects/*/describe", 503, TestName = "A 503 burst on describe")]
    [TestCase("POST /services/oauth2/token", 503, TestName = "A 503 burst on the token endpoint")]
    public async Task A_burst_of_server_errors_is_ridden_out(string route, int status)
    {
        await AssertSurvivedAsync([new { kind = "httpError", status, route, times = 2 }]);
    }

    // The issue that made uploads follow the common retry schedule: three 503s on uploads used to halt the run within 10 ms.
    [TestCase(3, TestName = "Three 503s in a row on uploads")]
    [TestCase(5, TestName = "Five 503s in a row on uploads, the whole retry budget")]
    public async Task A_run_of_503s_on_uploads_is_ridden_out_in_fresh_jobs_after_backoff(int burst)
    {
        var (result, fired) = await AssertSurvivedAsync([new { kind = "httpError", status = 503, route = "PUT /jobs/ingest/*/batches", times = burst }]);

        Assert.That(fired[0], Is.EqualTo(burst));
        Assert.That((await Org.JobStatesAsync()).GetValueOrDefault("Aborted"), Is.EqualTo(burst), "each upload with an unknown outcome leaves its job aborted, never uploaded to twice");
        Assert.That(result.Stderr, Does.Contain($"retry {burst} of 5").And.Contain("the same rows go to a new job"));
    }

    [Test]
    public async Task Five_503s_in_a_row_on_create_job_are_ridden_out()
    {
        var (result, fired) = await AssertSurvivedAsync([new { kind = "httpError", status = 503, route = "POST /jobs/ingest", times = 5 }]);

        Assert.That(fired[0], Is.EqualTo(5));
        Assert.That(result.Stderr, Does.Contain("retry 5 of 5"));
    }

    // 429 and the concurrent limit are refusals: the request reached no job, so even an upload goes again to the same job.
    [TestCase("PUT /jobs/ingest/*/batches", TestName = "HTTP 429 on uploads")]
    [TestCase("GET /jobs/ingest/*", TestName = "HTTP 429 on job status polls")]
    public async Task Too_many_requests_is_retried_in_place(string route)
    {
        await AssertSurvivedAsync([new { kind = "httpError", status = 429, route, times = 2 }]);

        Assert.That((await Org.JobStatesAsync()).GetValueOrDefault("Aborted"), Is.Zero, "no job was given up");
    }

    [TestCase("GET /jobs/ingest/*", TestName = "An HTML error page on job status polls")]
    [TestCase("PUT /jobs/ingest/*/batches", TestName = "An HTML error page on upload")]
    [TestCase("GET /jobs/ingest/*/failedResults", TestName = "An HTML error page on failed results")]
    public async Task An_HTML_error_page_from_the_edge_is_ridden_out(string route)
    {
        await AssertSurvivedAsync([new { kind = "htmlBody", status = 503, route, times = 2 }]);
    }

    [TestCase("GET /jobs/ingest/*", TestName = "An empty answer to job status polls")]
    [TestCase("GET /jobs/ingest/*/failedResults", TestName = "An empty answer to failed results")]
    public async Task An_empty_answer_to_a_read_is_asked_again(string route)
    {
        await AssertSurvivedAsync([new { kind = "emptyBody", status = 200, route, times = 2 }]);
    }

    [Test]
    public async Task Failed_results_that_stay_short_of_the_failed_count_stop_the_run_instead_of_losing_rows()
    {
        var rejectFile = TempFile();
        try
        {
            await Org.SetFaultsAsync(new { kind = "emptyBody", status = 200, route = "GET /jobs/ingest/*/failedResults" });
            var input = ContactsWithOneRejected();

            var result = await RunTargetAsync(input, Config(rejectFile));

            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
            Assert.That(result.Stderr, Does.Contain("failedResults of job"));
            Assert.That(result.StdoutLines, Has.None.Contains("\"position\":20").And.None.Contains("\"position\":30"), "no state past the rows whose fate is unknown");
            await AccountingInvariant.AssertHoldsAsync(input.ToString(), result, Org, "Contact", "External_Id__c", rejectFile);
        }
        finally
        {
            File.Delete(rejectFile);
        }
    }

    [Test]
    public async Task The_concurrent_request_limit_is_retried_and_the_run_succeeds()
    {
        await AssertSurvivedAsync([
            new { kind = "requestLimit", limit = "concurrent", route = "POST /jobs/ingest", times = 2 },
            new { kind = "requestLimit", limit = "concurrent", route = "GET /jobs/ingest/*", nth = 2, times = 2 },
        ]);
    }

    [TestCase("POST /jobs/ingest", TestName = "A connection dropped after create job ran")]
    [TestCase("PUT /jobs/ingest/*/batches", TestName = "A connection dropped after the upload was stored")]
    [TestCase("PATCH /jobs/ingest/*", TestName = "A connection dropped after close job ran")]
    [TestCase("GET /jobs/ingest/*", TestName = "A connection dropped mid-answer of a status poll")]
    [TestCase("GET /jobs/ingest/*/failedResults", TestName = "A connection dropped mid-answer of failed results")]
    public async Task A_connection_dropped_mid_response_is_ridden_out(string route)
    {
        await AssertSurvivedAsync([new { kind = "dropConnection", stage = "afterRoute", route, times = 1 }]);
    }

    [Test]
    public async Task A_connection_dropped_before_the_server_acted_is_ridden_out()
    {
        await AssertSurvivedAsync([new { kind = "dropConnection", stage = "beforeRoute", route = "POST /jobs/ingest", times = 2 }]);
    }

    [TestCase("GET /jobs/ingest/*", TestName = "Status polls slower than the request timeout")]
    [TestCase("PUT /jobs/ingest/*/batches", TestName = "An upload slower than the request timeout")]
    [TestCase("POST /jobs/ingest", TestName = "A create job slower than the request timeout")]
    public async Task Answers_slower_than_the_request_timeout_are_retried(string route)
    {
        // The emulator runs on real time in a process test: a 2 s hold against a 0.5 s timeout, twice.
        var (result, _) = await AssertSurvivedAsync(
            [new { kind = "latency", milliseconds = 2000, route, times = 2 }],
            new { request_timeout_seconds = 0.5 });

        Assert.That(result.Stderr, Does.Contain("retry").IgnoreCase.Or.Contain("new job").IgnoreCase, "the timeouts were noticed and handled");
    }

    [Test]
    public async Task The_daily_request_limit_halts_the_run_with_a_clear_message()
    {
        var rejectFile = TempFile();
        try
        {
            // Past the first job the org has no requests left.
            await Org.SetFaultsAsync(new { kind = "requestLimit", limit = "daily", route = "POST /jobs/ingest", nth = 2 });
            var input = ContactsWithOneRejected();

            var result = await RunTargetAsync(input, Config(rejectFile, new { max_parallel_jobs = 1 }));

            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
            Assert.That(result.Stderr, Does.Contain("daily API request limit"));
            Assert.That(result.Stderr, Does.Contain("TotalRequests Limit exceeded"), "Salesforce's own words");
            var creates = ((JObject)(await Org.StatsAsync())["requests"]!["byRoute"]!).Properties()
                .Where(p => p.Name.StartsWith("POST ", StringComparison.Ordinal) && p.Name.TrimEnd('/').EndsWith("/jobs/ingest", StringComparison.Ordinal))
                .Sum(p => (int)p.Value);
            Assert.That(creates, Is.EqualTo(2), "the daily limit is not retried");
            await AccountingInvariant.AssertHoldsAsync(input.ToString(), result, Org, "Contact", "External_Id__c", rejectFile);
        }
        finally
        {
            File.Delete(rejectFile);
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_job_that_ends_Failed_fails_the_run_with_Salesforces_message_whatever_allow_failures_says(bool allowFailures)
    {
        var rejectFile = TempFile();
        try
        {
            await Org.SetFaultsAsync(new { kind = "failJob", @object = "Contact", nth = 2, message = "InvalidBatch : Field name not found : Shoe_Size__c" });
            var input = ContactsWithOneRejected();

            var result = await RunTargetAsync(input, Config(rejectFile, new { allow_failures = allowFailures, max_parallel_jobs = 1 }));

            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
            Assert.That(result.Stderr, Does.Contain("InvalidBatch : Field name not found : Shoe_Size__c"));
            await AccountingInvariant.AssertHoldsAsync(input.ToString(), result, Org, "Contact", "External_Id__c", rejectFile);
            Assert.That(result.StdoutLines, Has.None.Contains("\"position\":20"), "no state past the failed job's records (11-20)");
        }
        finally
        {
            File.Delete(rejectFile);
        }
    }

    [Test]
    public async Task Rows_that_hit_UNABLE_TO_LOCK_ROW_are_retried_in_later_jobs_until_they_all_land()
    {
        await AssertSurvivedAsync([new { kind = "lockRows", share = 0.2 }], new { lock_retry_attempts = 12 });
    }

    [Test]
    public async Task Without_lock_retries_rows_that_hit_UNABLE_TO_LOCK_ROW_are_reported()
    {
        var rejectFile = TempFile();
        try
        {
            await Org.SetFaultsAsync(new { kind = "lockRows", share = 0.25 });
            var input = ContactsWithOneRejected();

            var result = await RunTargetAsync(input, Config(rejectFile, new { lock_retry_attempts = 0 }));

            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            var rejects = (await File.ReadAllLinesAsync(rejectFile)).Select(JObject.Parse).ToList();
            var locked = rejects.Where(r => (string?)r["error_code"] == "UNABLE_TO_LOCK_ROW").ToList();
            Assert.That(locked, Is.Not.Empty, "a quarter of the rows hit the lock and none was retried");
            Assert.That(await Org.CountAsync("Contact"), Is.EqualTo(30 - rejects.Count));
            await AccountingInvariant.AssertHoldsAsync(input.ToString(), result, Org, "Contact", "External_Id__c", rejectFile);
        }
        finally
        {
            File.Delete(rejectFile);
        }
    }
}

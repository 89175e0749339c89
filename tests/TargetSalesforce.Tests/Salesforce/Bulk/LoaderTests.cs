using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using Polly.Timeout;
using RichardSzalay.MockHttp;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading.Buffering;
using TargetSalesforce.Salesforce;
using TargetSalesforce.Salesforce.Bulk;
using TargetSalesforce.Singer;

namespace TargetSalesforce.Tests.Salesforce.Bulk;

public class LoaderTests
{
    private static readonly string ContactDescribe = FieldSpec.Describe("Contact",
        FieldSpec.Id, new FieldSpec("LastName", Nillable: false), new FieldSpec("Email", "email"), new FieldSpec("External_Id__c", ExternalId: true));

    private MockHttpMessageHandler mock = null!;
    private FakeBulkApi bulk = null!;
    private CapturingLoggerProvider log = null!;
    private ILoggerFactory loggers = null!;

    [SetUp]
    public void SetUp()
    {
        mock = new MockHttpMessageHandler();
        TestOrg.TokenEndpoint(mock);
        mock.When(HttpMethod.Get, TestOrg.Data + "/sobjects/Contact/describe").Respond("application/json", ContactDescribe);
        mock.When(HttpMethod.Get, TestOrg.Data + "/sobjects/Nope__c/describe")
            .Respond(HttpStatusCode.NotFound, "application/json", """[{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}]""");
        bulk = new FakeBulkApi(mock);
        (loggers, log) = CapturingLoggerProvider.Create();
    }

    [TearDown]
    public void TearDown()
    {
        loggers.Dispose();
        mock.Dispose();
    }

    private SalesforceConnection Connect(SalesforceClientOptions? options = null, TimeProvider? time = null) =>
        SalesforceConnection.Create(TestOrg.OAuth, options ?? TestOrg.FastOptions, loggers, time ?? TimeProvider.System, null, mock);

    private static async Task<(IObjectWriter Writer, RowBatch Batch)> Prepare(SalesforceConnection connection, LoadAction action, string key, params string[] records)
    {
        var writer = await connection.Loader.OpenAsync(new ObjectOperation("Contact", action, key),
            new StreamShape("contacts", ["Id", "LastName", "Email", "External_Id__c"], []), CancellationToken.None);
        var rows = records.Select(r => writer.Encode(new SingerRecordView(FlatRecord.From(JObject.Parse(r))))).Select(e => e.Row).ToList();
        return (writer, new RowBatch(writer.Columns, rows));
    }

    private static string[] Names(int count) => Enumerable.Range(0, count).Select(i => $$"""{"LastName":"Name{{i}}","Email":"n{{i}}@x.org","External_Id__c":"E{{i}}"}""").ToArray();

    /// <summary>failedResults listing the given data lines, last first (Salesforce keeps no order).</summary>
    private static Func<FakeBulkApi.Job, string> FailReversed(Func<string, bool> fails, string error = "REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --") =>
        job =>
        {
            var lines = job.DataRows.Where(fails).Reverse().Select(line => $"\"\",\"{error}\",{string.Join(",", line.Split(',').Select(v => $"\"{v}\""))}");
            return $"\"sf__Id\",\"sf__Error\",{job.Header}\n" + string.Join("\n", lines) + "\n";
        };

    [Test]
    public async Task Creates_uploads_closes_polls_and_reports_failed_rows_by_their_batch_index_whatever_the_result_order()
    {
        using var connection = Connect();
        var (writer, batch) = await Prepare(connection, LoadAction.Insert, "Id", Names(6));
        bulk.Poll = job => ("JobComplete", FakeBulkApi.Counters(6, 2));
        bulk.FailedResults = FailReversed(line => line.Contains("Name1,", StringComparison.Ordinal) || line.Contains("Name4,", StringComparison.Ordinal));

        var outcome = await writer.LoadAsync(batch, CancellationToken.None);

        var job = bulk.Jobs.Values.Single();
        Assert.That((string?)job.Request["operation"], Is.EqualTo("insert"));
        Assert.That((string?)job.Request["lineEnding"], Is.EqualTo("LF"));
        Assert.That((string?)job.Request["columnDelimiter"], Is.EqualTo("COMMA"));
        Assert.That(job.Request["externalIdFieldName"], Is.Null);
        Assert.That(job.Header, Is.EqualTo("LastName,Email,External_Id__c"));
        Assert.That(job.StateChanges, Is.EqualTo(new[] { "UploadComplete" }));
        Assert.That(outcome.JobIds, Is.EqualTo(new[] { job.Id }));
        Assert.That(outcome.Failures.Select(f => f.RowIndex), Is.EquivalentTo(new[] { 1, 4 }));
        Assert.That(outcome.Failures.Select(f => f.ErrorCode).Distinct(), Is.EqualTo(new[] { "REQUIRED_FIELD_MISSING" }));
        Assert.That(outcome.Failures[0].Message, Is.EqualTo("Required fields are missing: [LastName]"));
        Assert.That(outcome.Failures[0].Fields, Is.EqualTo("LastName"));
        Assert.That(log.At(LogLevel.Information).Single(l => l.StartsWith("Bulk job", StringComparison.Ordinal)),
            Does.Contain("6 processed, 4 succeeded, 2 failed").And.Contain("REQUIRED_FIELD_MISSING ×2"));
    }

    [Test]
    public async Task Staging_creates_and_uploads_but_leaves_the_job_open_until_it_is_completed()
    {
        using var connection = Connect();
        var (writer, batch) = await Prepare(connection, LoadAction.Insert, "Id", Names(3));

        var staged = await writer.StageAsync(batch, CancellationToken.None);

        var job = bulk.Jobs.Values.Single();
        Assert.That(job.DataRows, Has.Count.EqualTo(3), "the data is uploaded while staged");
        Assert.That(job.StateChanges, Is.Empty, "a staged job is not closed, so Salesforce does not start on it");
        var outcome = await staged.CompleteAsync(CancellationToken.None);
        Assert.That(job.StateChanges, Is.EqualTo(new[] { "UploadComplete" }));
        Assert.That(outcome.JobIds, Is.EqualTo(new[] { job.Id }));
        Assert.That(outcome.Failures, Is.Empty);
    }

    [Test]
    public async Task A_closed_job_that_could_not_be_aborted_when_the_run_stopped_is_named_as_maybe_still_processing()
    {
        using var connection = Connect();
        var (writer, batch) = await Prepare(connection, LoadAction.Insert, "Id", Names(2));
        using var stop = new CancellationTokenSource();
        bulk.Poll = job =>
        {
            stop.Cancel(); // the run stops while Salesforce processes the job
            return ("InProgress", FakeBulkApi.Counters(0, 0));
        };
        bulk.StateChange = (job, state) => state == "Aborted"
            ? new HttpResponseMessage(HttpStatusCode.BadRequest)
            {
                Content = TestOrg.Json("""[{"errorCode":"INVALIDJOBSTATE","message":"cannot abort now"}]"""),
            }
            : null;

        Assert.That(async () => await writer.LoadAsync(batch, stop.Token), Throws.InstanceOf<OperationCanceledException>());

        Assert.That(connection.JobsMayBeProcessing, Is.EqualTo(new[] { bulk.Jobs.Keys.Single() }));
    }

    [Test]
    public async Task A_job_that_ends_or_is_aborted_is_not_named_as_maybe_still_processing()
    {
        using var connection = Connect();
        var (writer, batch) = await Prepare(connection, LoadAction.Insert, "Id", Names(2));
        await writer.LoadAsync(batch, CancellationToken.None);

        var (second, more) = await Prepare(connection, LoadAction.Insert, "Id", Names(2));
        using var stop = new CancellationTokenSource();
        bulk.Poll = job =>
        {
            stop.Cancel();
            return ("InProgress", FakeBulkApi.Counters(0, 0));
        };
        Assert.That(async () => await second.LoadAsync(more, stop.Token), Throws.InstanceOf<OperationCanceledException>());

        Assert.That(connection.JobsMayBeProcessing, Is.Empty);
    }

    [Test]
    public async Task A_staged_job_that_is_aborted_is_never_closed()
    {
        using var connection = Connect();
        var (writer, batch) = await Prepare(connection, LoadAction.Insert, "Id", Names(2));

        var staged = await writer.StageAsync(batch, CancellationToken.None);
        await staged.AbortAsync();

        Assert.That(bulk.Jobs.Values.Single().StateChanges, Is.EqualTo(new[] { "Aborted" }));
        Assert.That(() => staged.CompleteAsync(CancellationToken.None), Throws.InvalidOperationException);
    }

    [Test]
    public async Task Upsert_maps_failures_by_key_even_when_salesforce_echoes_other_values_differently()
    {
        using var connection = Connect();
        var (writer, batch) = await Prepare(connection, LoadAction.Upsert, "External_Id__c", Names(4));
        bulk.Poll = job => ("JobComplete", FakeBulkApi.Counters(4, 1));
        // The echo reformats the e-mail: only the key still matches.
        bulk.FailedResults = job => $"\"sf__Id\",\"sf__Error\",{job.Header}\n\"\",\"INVALID_EMAIL_ADDRESS:bad:Email --\",\"Name2\",\"N2@X.ORG\",\"E2\"\n";

        var outcome = await writer.LoadAsync(batch, CancellationToken.None);

        Assert.That((string?)bulk.Jobs.Values.Single().Request["externalIdFieldName"], Is.EqualTo("External_Id__c"));
        Assert.That(outcome.Failures.Single(), Is.EqualTo(new RowFailure(2, "INVALID_EMAIL_ADDRESS", "bad", "Email")));
    }

    [Test]
    public async Task Identical_rows_each_get_their_own_failure()
    {
        using var connection = Connect();
        var same = """{"LastName":"Twin","Email":"t@x.org"}""";
        var (writer, batch) = await Prepare(connection, LoadAction.Insert, "Id", same, """{"LastName":"Other"}""", same);
        bulk.Poll = job => ("JobComplete", FakeBulkApi.Counters(3, 2));
        bulk.FailedResults = FailReversed(line => line.StartsWith("Twin", StringComparison.Ordinal), "DUPLICATES_DETECTED:Use one of these records?:--");

        var outcome = await writer.LoadAsync(batch, CancellationToken.None);

        Assert.That(outcome.Failures.Select(f => f.RowIndex), Is.EquivalentTo(new[] { 0, 2 }));
        Assert.That(outcome.Failures[0].Message, Is.EqualTo("Use one of these records?"));
    }

    [Test]
    public async Task A_batch_past_the_byte_cap_is_split_into_several_jobs_with_indexes_kept()
    {
        using var connection = Connect(TestOrg.FastOptions with { MaxJobBytes = 100 });
        var (writer, batch) = await Prepare(connection, LoadAction.Insert, "Id", Names(10));
        bulk.FailedResults = FailReversed(line => line.StartsWith("Name7,", StringComparison.Ordinal));
        bulk.Poll = job => ("JobComplete", FakeBulkApi.Counters(job.DataRows.Count, job.DataRows.Count(l => l.StartsWith("Name7,", StringComparison.Ordinal))));

        var outcome = await writer.LoadAsync(batch, CancellationToken.None);

        var jobs = bulk.Jobs.Values.OrderBy(j => int.Parse(j.Id[4..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.That(jobs, Has.Count.GreaterThan(1));
        Assert.That(jobs.All(j => Encoding.UTF8.GetByteCount(j.Csv) <= 100), Is.True);
        Assert.That(jobs.SelectMany(j => j.DataRows).Select(r => r.Split(',')[0]), Is.EqualTo(Enumerable.Range(0, 10).Select(i => $"Name{i}")));
        Assert.That(jobs.All(j => j.Header == "LastName,Email,External_Id__c"), Is.True);
        Assert.That(outcome.JobIds, Has.Count.EqualTo(jobs.Count));
        Assert.That(outcome.Failures.Single().RowIndex, Is.EqualTo(7));
    }

    [Test]
    public async Task A_job_that_ends_failed_throws_with_salesforce_message()
    {
        using var connection = Connect();
        var (writer, batch) = await Prepare(connection, LoadAction.Insert, "Id", Names(2));
        bulk.Poll = job => ("Failed", new JObject { ["errorMessage"] = "InvalidBatch : Field name not found : Bogus__c" });

        var error = Assert.ThrowsAsync<JobFailedException>(() => writer.LoadAsync(batch, CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("InvalidBatch : Field name not found : Bogus__c"));
        Assert.That(error.JobId, Is.EqualTo(bulk.Jobs.Keys.Single()));
    }

    [Test]
    public async Task An_upload_with_unknown_outcome_aborts_its_job_and_sends_the_same_rows_in_a_new_one()
    {
        using var connection = Connect();
        var (writer, batch) = await Prepare(connection, LoadAction.Insert, "Id", Names(3));
        bulk.Upload = job => job.Id == "750J1" ? throw new TimeoutRejectedException("timed out") : null;

        var outcome = await writer.LoadAsync(batch, CancellationToken.None);

        var first = bulk.Jobs["750J1"];
        var second = bulk.Jobs["750J2"];
        Assert.That(first.Uploads, Is.EqualTo(1), "never re-sent to the same job");
        Assert.That(first.StateChanges, Is.EqualTo(new[] { "Aborted" }));
        Assert.That(second.Csv, Is.EqualTo(first.Csv));
        Assert.That(second.StateChanges, Is.EqualTo(new[] { "UploadComplete" }));
        Assert.That(outcome.JobIds, Is.EqualTo(new[] { "750J1", "750J2" }));
        Assert.That(outcome.Failures, Is.Empty);
    }

    /// <summary>
    /// The client's retry schedule as shipped (5 retries), on a clock that only moves when the code waits; the jitter's
    /// draw is fixed at its middle, so the waits checked are the same on every run.
    /// </summary>
    private static SalesforceClientOptions ShippedRetries => TestOrg.FastOptions with
    {
        MaxRetries = new SalesforceClientOptions().MaxRetries,
        RetryBaseDelay = new SalesforceClientOptions().RetryBaseDelay,
        RetryMaxDelay = new SalesforceClientOptions().RetryMaxDelay,
        RetryRandomizer = () => 0.5,
    };

    private static HttpResponseMessage ServerUnavailable() => new(HttpStatusCode.ServiceUnavailable)
    {
        Content = TestOrg.Json("""[{"message":"Server is temporarily unavailable. Please try again later.","errorCode":"SERVER_UNAVAILABLE"}]"""),
    };

    [TestCase(3)]
    [TestCase(5)]
    public async Task A_burst_of_503s_on_uploads_is_ridden_out_in_fresh_jobs_after_growing_waits(int burst)
    {
        var clock = new SteppingClock();
        using var connection = Connect(ShippedRetries, clock);
        var (writer, batch) = await Prepare(connection, LoadAction.Insert, "Id", Names(3));
        var failed = 0;
        bulk.Upload = _ => Interlocked.Increment(ref failed) <= burst ? ServerUnavailable() : null;

        var outcome = await clock.RunAsync(writer.LoadAsync(batch, CancellationToken.None));

        Assert.That(outcome.Failures, Is.Empty);
        Assert.That(outcome.JobIds, Has.Count.EqualTo(burst + 1), "each retry in a new job");
        Assert.That(bulk.Jobs.Values.Select(j => j.Uploads), Has.All.EqualTo(1), "no job received two uploads");
        var jobs = outcome.JobIds.Select(id => bulk.Jobs[id]).ToList();
        Assert.That(jobs.Take(burst).Select(j => j.StateChanges.Single()), Has.All.EqualTo("Aborted"));
        Assert.That(jobs[^1].StateChanges, Is.EqualTo(new[] { "UploadComplete" }));
        Assert.That(jobs[^1].Csv, Is.EqualTo(jobs[0].Csv), "the same rows");
        var waits = clock.Waits.ToList();
        Assert.That(waits, Has.Count.EqualTo(burst), "one wait before each new job");
        Assert.That(waits, Has.All.GreaterThan(TimeSpan.Zero).And.All.LessThanOrEqualTo(ShippedRetries.RetryMaxDelay));
        Assert.That(waits.Sum(w => w.TotalSeconds), Is.GreaterThan(ShippedRetries.RetryBaseDelay.TotalSeconds * burst), "the waits grow");
        Assert.That(log.At(LogLevel.Warning), Has.Some.Contains($"retry {burst} of 5"));
    }

    [Test]
    public async Task Uploads_that_stay_unanswered_past_the_retries_fail_the_batch_naming_the_rows_and_leave_no_job_open()
    {
        var clock = new SteppingClock();
        using var connection = Connect(ShippedRetries, clock);
        var (writer, batch) = await Prepare(connection, LoadAction.Insert, "Id", Names(3));
        bulk.Upload = _ => ServerUnavailable();

        var error = Assert.ThrowsAsync<TargetSalesforce.Salesforce.Http.SalesforceApiException>(
            async () => await clock.RunAsync(writer.LoadAsync(batch, CancellationToken.None)));

        Assert.That(error!.Message, Does.Contain("3 rows to Contact").And.Contain("6 fresh jobs").And.Contain("HTTP 503"));
        Assert.That(bulk.Jobs, Has.Count.EqualTo(6), "the first try and 5 retries");
        Assert.That(bulk.Jobs.Values.Select(j => j.Uploads), Has.All.EqualTo(1));
        Assert.That(bulk.Jobs.Values.Select(j => string.Join(",", j.StateChanges)), Has.All.EqualTo("Aborted"));
    }

    [Test]
    public async Task An_upload_refused_for_the_concurrent_limit_is_sent_again_to_the_same_job_since_it_surely_did_nothing()
    {
        using var connection = Connect();
        var (writer, batch) = await Prepare(connection, LoadAction.Insert, "Id", Names(3));
        bulk.Upload = job => job.Uploads == 1
            ? new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = TestOrg.Json("""[{"message":"ConcurrentRequests (Concurrent API Requests) Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]""") }
            : null;

        var outcome = await writer.LoadAsync(batch, CancellationToken.None);

        Assert.That(outcome.JobIds, Is.EqualTo(new[] { "750J1" }));
        Assert.That(bulk.Jobs["750J1"].Uploads, Is.EqualTo(2), "a refused upload reached no job's data");
        Assert.That(bulk.Jobs["750J1"].StateChanges, Is.EqualTo(new[] { "UploadComplete" }));
    }

    [Test]
    public async Task A_job_aborted_by_someone_else_reports_its_unprocessed_rows()
    {
        using var connection = Connect();
        var (writer, batch) = await Prepare(connection, LoadAction.Insert, "Id", Names(3));
        bulk.Poll = job => ("Aborted", FakeBulkApi.Counters(1, 0));
        bulk.Unprocessed = job => job.Header + "\n" + string.Join("\n", job.DataRows.Skip(1).Reverse()) + "\n";

        var outcome = await writer.LoadAsync(batch, CancellationToken.None);

        Assert.That(outcome.Failures.Select(f => (f.RowIndex, f.ErrorCode)), Is.EquivalentTo(new[] { (1, "UNPROCESSED"), (2, "UNPROCESSED") }));
    }

    [Test]
    public async Task The_oldest_job_without_progress_is_polled_every_interval_until_a_tenth_of_its_time_is_more_within_the_cap()
    {
        var clock = new SteppingClock();
        using var connection = Connect(TestOrg.FastOptions with { PollInterval = TimeSpan.FromSeconds(0.5), PollMaxInterval = TimeSpan.FromSeconds(0.6) }, clock);
        var (writer, batch) = await Prepare(connection, LoadAction.Insert, "Id", Names(2));
        bulk.Poll = job => job.Polls < 13 ? ("InProgress", null) : ("JobComplete", FakeBulkApi.Counters(2, 0));

        await clock.RunAsync(writer.LoadAsync(batch, CancellationToken.None));

        // 0.5 s until a tenth of the time so far is more (after 5 s), then a tenth of it (5.5 s → 0.55 s), then the 0.6 s cap.
        Assert.That(clock.Waits.Select(w => w.TotalSeconds),
            Is.EqualTo(Enumerable.Repeat(0.5, 11).Concat([0.55, 0.6])).Within(0.01), "the clock counts whole milliseconds");
        Assert.That(bulk.Jobs.Values.Single().Polls, Is.EqualTo(13));
    }

    [Test]
    public async Task Once_the_input_has_ended_the_oldest_job_is_polled_five_times_as_often_until_a_twentieth_of_its_time_is_more()
    {
        var clock = new SteppingClock();
        using var connection = Connect(TestOrg.FastOptions with { PollInterval = TimeSpan.FromSeconds(0.5), PollMaxInterval = TimeSpan.FromSeconds(10) }, clock);
        var (writer, batch) = await Prepare(connection, LoadAction.Insert, "Id", Names(2));
        bulk.Poll = job => job.Polls < 18 ? ("InProgress", null) : ("JobComplete", FakeBulkApi.Counters(2, 0));

        connection.Loader.InputEnded();
        await clock.RunAsync(writer.LoadAsync(batch, CancellationToken.None));

        // The first poll as before; then every fifth of the interval, as this job's end is the run's, until a twentieth
        // of its time so far is more (after 2 s: 2.0 s → 0.1 s, 2.1 s → 0.105 s, 2.205 s → 0.11 s).
        Assert.That(clock.Waits.Select(w => w.TotalSeconds),
            Is.EqualTo(new[] { 0.5 }.Concat(Enumerable.Repeat(0.1, 15)).Concat([0.105, 0.11])).Within(0.01));
    }

    [Test]
    public async Task A_younger_job_waits_for_the_oldest_and_is_polled_the_moment_the_oldest_is_seen_finished()
    {
        var clock = new CountingClock();
        using var connection = Connect(TestOrg.FastOptions with { PollInterval = TimeSpan.FromSeconds(0.5), PollMaxInterval = TimeSpan.FromSeconds(10) }, clock);
        var (writer, older) = await Prepare(connection, LoadAction.Insert, "Id", Names(3));
        var younger = new RowBatch(older.Columns, older.Rows.Take(1).ToList());
        var polledAt = new ConcurrentDictionary<string, List<TimeSpan>>();
        bulk.Poll = job =>
        {
            polledAt.GetOrAdd(job.Id, _ => []).Add(clock.GetUtcNow() - clock.Start);
            return job.DataRows.Count == 3 && job.Polls < 3 ? ("InProgress", null) : ("JobComplete", FakeBulkApi.Counters(job.DataRows.Count, 0));
        };

        var olderLoad = writer.LoadAsync(older, CancellationToken.None);
        await clock.UntilAsync(() => clock.Pending == 1); // the older job is closed and waits for its first poll
        var youngerLoad = writer.LoadAsync(younger, CancellationToken.None);
        await clock.UntilAsync(() => clock.Pending == 2);
        var olderJob = bulk.Jobs.Values.Single(j => j.DataRows.Count == 3);
        for (var poll = 1; poll <= 2; poll++)
        {
            clock.Advance(TimeSpan.FromSeconds(0.5));
            await clock.UntilAsync(() => olderJob.Polls == poll && clock.Pending == 2);
        }

        clock.Advance(TimeSpan.FromSeconds(0.5)); // the older job's third poll sees it finished
        await Task.WhenAll(olderLoad, youngerLoad).WaitAsync(TimeSpan.FromSeconds(20));

        var youngerJob = bulk.Jobs.Values.Single(j => j.DataRows.Count == 1);
        Assert.That(polledAt[olderJob.Id].Select(t => t.TotalSeconds), Is.EqualTo(new[] { 0.5, 1.0, 1.5 }));
        Assert.That(polledAt[youngerJob.Id].Select(t => t.TotalSeconds), Is.EqualTo(new[] { 1.5 }),
            "not polled while the older job ran (its own wait was the 10 s cap), then at once when that one ended");
    }

    [Test]
    public async Task A_job_that_shows_progress_is_polled_again_when_it_should_be_done_if_that_is_sooner_than_a_third_of_its_time()
    {
        var clock = new SteppingClock();
        using var connection = Connect(TestOrg.FastOptions with { PollInterval = TimeSpan.FromSeconds(2), PollMaxInterval = TimeSpan.FromSeconds(10) }, clock);
        var (writer, batch) = await Prepare(connection, LoadAction.Insert, "Id", Names(100));
        bulk.Poll = job => job.Polls switch
        {
            1 => ("InProgress", FakeBulkApi.Counters(10, 0)), // 5 rows/s since the close: 90 left take 18 s; a third of 2 s is less than the interval
            2 => ("InProgress", FakeBulkApi.Counters(60, 0)), // 25 rows/s between the polls: 40 rows left take 1.6 s, sooner than 2 s
            3 => ("InProgress", FakeBulkApi.Counters(99, 0)), // 1 row left: due at once, but not sooner than a tenth of 5.6 s
            _ => ("JobComplete", FakeBulkApi.Counters(100, 0)),
        };

        await clock.RunAsync(writer.LoadAsync(batch, CancellationToken.None));

        Assert.That(clock.Waits.Select(w => w.TotalSeconds), Is.EqualTo(new[] { 2, 2, 1.6, 0.56 }).Within(0.01));
    }

    [Test]
    public async Task A_job_whose_progress_comes_in_chunks_is_not_left_for_as_long_as_its_rate_says()
    {
        var clock = new SteppingClock();
        using var connection = Connect(TestOrg.FastOptions with { PollInterval = TimeSpan.FromSeconds(0.5), PollMaxInterval = TimeSpan.FromSeconds(10) }, clock);
        var (writer, batch) = await Prepare(connection, LoadAction.Insert, "Id", Names(100));
        // Salesforce counts rows as each chunk ends: nothing, then a first chunk's rows, then nothing new until the rest end together.
        bulk.Poll = job => job.Polls switch
        {
            1 or 2 => ("InProgress", FakeBulkApi.Counters(0, 0)),
            3 or 4 => ("InProgress", FakeBulkApi.Counters(10, 0)), // 90 rows left at 10 rows in 1.5 s (2 s) says 13.5 s (18 s) more
            _ => ("JobComplete", FakeBulkApi.Counters(100, 0)),
        };

        await clock.RunAsync(writer.LoadAsync(batch, CancellationToken.None));

        Assert.That(clock.Waits.Select(w => w.TotalSeconds), Is.EqualTo(new[] { 0.5, 0.5, 0.5, 0.5, 0.5 }).Within(0.01),
            "never longer than a tenth of the time the job has taken (at least the 0.5 s interval), whatever the lumpy rate says");
    }

    [Test]
    public async Task A_job_that_started_late_is_not_left_unpolled_on_the_rate_since_its_close()
    {
        var clock = new SteppingClock();
        using var connection = Connect(TestOrg.FastOptions with { PollInterval = TimeSpan.FromSeconds(0.5), PollMaxInterval = TimeSpan.FromSeconds(10) }, clock);
        var (writer, batch) = await Prepare(connection, LoadAction.Insert, "Id", Names(100));
        // Queued for 0.45 s, then 100 rows/s: the first poll sees 5 rows, as if it ran at 10 rows/s (9.5 s to go).
        bulk.Poll = job => job.Polls switch
        {
            1 => ("InProgress", FakeBulkApi.Counters(5, 0)),
            2 => ("InProgress", FakeBulkApi.Counters(55, 0)),
            _ => ("JobComplete", FakeBulkApi.Counters(100, 0)),
        };

        await clock.RunAsync(writer.LoadAsync(batch, CancellationToken.None));

        Assert.That(clock.Waits.Select(w => w.TotalSeconds), Is.EqualTo(new[] { 0.5, 0.5, 0.45 }).Within(0.001),
            "the second poll comes after 0.5 s, not the 9.5 s the first rate suggests; the third when the measured rate says it is done");
    }

    [Test]
    public async Task A_small_job_after_a_finished_one_is_first_polled_when_that_rate_says_it_is_done()
    {
        var clock = new SteppingClock();
        using var connection = Connect(TestOrg.FastOptions with { PollInterval = TimeSpan.FromSeconds(2), PollMaxInterval = TimeSpan.FromSeconds(10) }, clock);
        var (writer, big) = await Prepare(connection, LoadAction.Insert, "Id", Names(100));
        bulk.Poll = job => ("JobComplete", FakeBulkApi.Counters(job.DataRows.Count, 0));
        var small = new RowBatch(big.Columns, big.Rows.Take(10).ToList());

        await clock.RunAsync(LoadBoth());

        async Task<BatchOutcome> LoadBoth()
        {
            await writer.LoadAsync(big, CancellationToken.None); // 100 rows done within 2 s: 50 rows/s
            return await writer.LoadAsync(small, CancellationToken.None);
        }

        Assert.That(clock.Waits.Select(w => w.TotalSeconds), Is.EqualTo(new[] { 2, 0.2 }).Within(0.001));
    }

    [Test]
    public async Task A_job_past_the_job_timeout_is_aborted_and_the_batch_fails()
    {
        var clock = new SteppingClock();
        using var connection = Connect(TestOrg.FastOptions with
        {
            PollInterval = TimeSpan.FromSeconds(1), PollMaxInterval = TimeSpan.FromSeconds(1), JobTimeout = TimeSpan.FromSeconds(2.5),
        }, clock);
        var (writer, batch) = await Prepare(connection, LoadAction.Insert, "Id", Names(2));
        bulk.Poll = job => ("InProgress", FakeBulkApi.Counters(1, 0));

        var error = Assert.ThrowsAsync<BulkJobTimeoutException>(() => clock.RunAsync(writer.LoadAsync(batch, CancellationToken.None)));

        Assert.That(error!.Message, Does.Contain("job_timeout_seconds").And.Contain("aborted"));
        Assert.That(clock.Waits.Select(w => w.TotalSeconds), Is.EqualTo(new[] { 1, 1, 0.5 }));
        Assert.That(bulk.Jobs.Values.Single().StateChanges, Is.EqualTo(new[] { "UploadComplete", "Aborted" }));
    }

    [Test]
    public async Task Test_connection_logs_in_and_describes_each_object_once()
    {
        using var connection = Connect();

        var summary = await connection.TestConnectionAsync(["Contact", "contact"], CancellationToken.None);

        Assert.That(summary, Does.Contain("na1.example.com").And.Contain("Contact (4 fields)"));
    }

    [Test]
    public void Test_connection_names_an_object_that_does_not_exist()
    {
        using var connection = Connect();

        var error = Assert.ThrowsAsync<LoadConfigurationException>(() => connection.TestConnectionAsync(["Nope__c"], CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("'Nope__c'").And.Contain("NOT_FOUND"));
    }

    [Test]
    public void Test_connection_gives_up_within_its_timeout()
    {
        var clock = new SteppingClock { IgnoredDueTime = TimeSpan.FromHours(1) };
        using var mock = new MockHttpMessageHandler();
        var never = new TaskCompletionSource<HttpResponseMessage>();
        using var unanswered = new AsyncResponder(_ => never.Task);
        mock.When("*").Respond(unanswered);
        using var connection = SalesforceConnection.Create(
            TestOrg.OAuth, TestOrg.FastOptions with { RequestTimeout = TimeSpan.FromHours(1) }, loggers, clock, null, mock);

        var error = Assert.ThrowsAsync<TimeoutException>(() => clock.RunAsync(connection.TestConnectionAsync(["Contact"], CancellationToken.None)));

        Assert.That(error!.Message, Does.Contain("10 s"));
    }
}

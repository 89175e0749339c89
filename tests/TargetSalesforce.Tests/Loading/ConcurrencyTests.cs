using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading;
using TargetSalesforce.Tests.Support;

namespace TargetSalesforce.Tests.Loading;

public class ConcurrencyTests
{
    private static readonly string Schema = Lines.Schema("contacts", ["Ext__c"], ("Ext__c", "string"), ("Name", "string"));

    private static string Contact(string key, string name) => Lines.Record("contacts", new { Ext__c = key, Name = name });

    [Test]
    public async Task The_same_key_in_consecutive_jobs_waits_so_the_last_record_wins()
    {
        var loader = new InMemoryObjectLoader { HoldLoads = true };
        var run = new PipelineRun(PipelineRun.Config(LoadAction.Upsert, externalIdName: "Ext__c", batchSizeRows: 2), loader);

        var running = run.RunAsync(
            Schema, Contact("k1", "old"), Contact("k2", "b"), Contact("k1", "new"), Contact("k3", "c"), Contact("k4", "d"), Contact("k5", "e"));
        var firstTwo = new[] { await loader.NextLoadAsync(), await loader.NextLoadAsync() };

        Assert.That(firstTwo.Select(l => string.Join(",", l.Batch.Values("Ext__c"))), Is.EquivalentTo(new[] { "k1,k2", "k4,k5" }));
        Assert.That(loader.TryNextLoad(out _), Is.False, "the job holding k1 again must wait for the one in flight");
        firstTwo.Single(l => l.Batch.Values("Ext__c").Contains("k1")).Commit();
        var third = await loader.NextLoadAsync();
        Assert.That(third.Batch.Values("Name"), Is.EqualTo(new[] { "new", "c" }));
        third.Commit();
        firstTwo.Single(l => l.Batch.Values("Ext__c").Contains("k4")).Commit();

        var result = await running;
        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Completed));
        Assert.That((string?)loader.Org.RowsOf("contacts")["k1"]["Name"], Is.EqualTo("new"));
    }

    [Test]
    public async Task States_follow_the_watermark_when_jobs_finish_out_of_order()
    {
        var loader = new InMemoryObjectLoader { HoldLoads = true };
        var run = new PipelineRun(PipelineRun.Config(batchSizeRows: 1), loader);

        var running = run.RunAsync(
            Schema, Contact("1", "a"), Lines.State(new { s = 1 }), Contact("2", "b"), Lines.State(new { s = 2 }), Contact("3", "c"), Lines.State(new { s = 3 }));
        var loads = new List<PendingLoad>();
        for (var i = 0; i < 3; i++)
        {
            loads.Add(await loader.NextLoadAsync());
        }

        PendingLoad Of(string key) => loads.Single(l => l.Batch.Values("Ext__c").Single() == key);
        Of("3").Commit();
        Of("1").Commit();
        await run.States.WaitForCountAsync(1);
        Assert.That(run.States.States, Is.EqualTo(new[] { "{\"s\":1}" }), "job 3 finishing first must not let state 3 (or 2) out");
        Of("2").Commit();

        var result = await running;
        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Completed));
        // Whether state 2 goes out on its own depends on when job 3's result is counted; never out of order, and the last one last.
        Assert.That(run.States.States, Is.EqualTo(new[] { "{\"s\":1}", "{\"s\":3}" }).Or.EqualTo(new[] { "{\"s\":1}", "{\"s\":2}", "{\"s\":3}" }));
    }

    [Test]
    public async Task Jobs_run_in_parallel_up_to_the_limit_across_and_within_streams()
    {
        var loader = new InMemoryObjectLoader { HoldLoads = true };
        var run = new PipelineRun(PipelineRun.Config(batchSizeRows: 1, maxParallelJobs: 3), loader);
        var other = Lines.Schema("other", [], ("Ext__c", "string"));

        var running = run.RunAsync(Schema, other, Contact("1", "a"), Lines.Record("other", new { Ext__c = "x" }), Contact("2", "b"), Contact("3", "c"));
        var inFlight = new[] { await loader.NextLoadAsync(), await loader.NextLoadAsync(), await loader.NextLoadAsync() };

        Assert.That(inFlight.Select(l => l.Batch.ObjectName).Distinct().Count(), Is.EqualTo(2));
        Assert.That(loader.TryNextLoad(out _), Is.False, "a fourth job must wait for a free slot");
        inFlight[0].Commit();
        var fourth = await loader.NextLoadAsync();
        foreach (var load in inFlight.Skip(1).Append(fourth))
        {
            load.Commit();
        }

        Assert.That((await running).Summary.RecordsCommitted, Is.EqualTo(4));
    }

    [Test]
    public async Task A_job_that_looks_up_another_object_waits_for_that_objects_earlier_rows()
    {
        var loader = new InMemoryObjectLoader { HoldLoads = true };
        loader.ParentObjects["contacts"] = ["accounts"];
        var run = new PipelineRun(PipelineRun.Config(LoadAction.Upsert, externalIdName: "Ext__c", batchSizeRows: 2, maxParallelJobs: 4), loader);
        var accounts = Lines.Schema("accounts", [], ("Ext__c", "string"));

        // The account stays buffered (below the batch size) when the contacts fill a job of their own.
        var running = run.RunAsync(accounts, Schema, Lines.Record("accounts", new { Ext__c = "a1" }), Contact("c1", "x"), Contact("c2", "y"));
        var first = await loader.NextLoadAsync();

        Assert.That(first.Batch.ObjectName, Is.EqualTo("accounts"), "the parent's buffered row goes out before the child's job");
        Assert.That(loader.TryNextLoad(out _), Is.False, "the child's job waits for the parent's job to end");
        first.Commit();
        var second = await loader.NextLoadAsync();
        Assert.That(second.Batch.ObjectName, Is.EqualTo("contacts"));
        second.Commit();
        Assert.That((await running).Outcome, Is.EqualTo(RunOutcome.Completed));
    }

    [Test]
    public async Task A_slow_writer_pauses_the_reader_so_the_records_held_stay_bounded()
    {
        const int Records = 20_000, BatchRows = 10, Parallel = 2, ReadAhead = 5, Staged = 2;
        var loader = new InMemoryObjectLoader { HoldLoads = true };
        var run = new PipelineRun(
            PipelineRun.Config(batchSizeRows: BatchRows, maxParallelJobs: Parallel), loader,
            o => o with { ReadAheadMessages = ReadAhead, Jobs = o.Jobs with { StagedJobs = Staged } });
        using var input = new GeneratedInput(Schema, i => Contact($"{i}", "n"), Records);
        // Held at most: the jobs in flight, the jobs staged for a slot, a batch waiting to be admitted, one filling, the read-ahead, the message
        // the parser waits to hand over, the line the line reader holds (the input gives one line a read), and the three
        // batches a stream keeps back while that many jobs are queued (its reserve, for the end of input to cut small).
        // With no slot limit the reader runs ahead of the held loads by more than that.
        const int Bound = (Parallel + Staged + 2 + 3) * BatchRows + ReadAhead + 3;

        var running = run.RunAsync(input);
        var committed = 0;
        var mostHeld = 0;
        while (committed < Records)
        {
            var load = await loader.NextLoadAsync(); // everything else waits on this one: the reader can only run ahead
            if (committed == 0)
            {
                // With the first load held, the reader goes on until the limits stop it: wait for it to get there.
                SpinWait.SpinUntil(() => input.Produced - committed > Parallel * BatchRows, TimeSpan.FromSeconds(20));
            }

            mostHeld = Math.Max(mostHeld, input.Produced - committed);
            Assert.That(input.Produced - committed, Is.LessThanOrEqualTo(Bound), $"records read but not loaded after {committed} loaded");
            committed += load.Batch.Records.Count;
            load.Commit();
        }

        Assert.That((await running).Summary.RecordsCommitted, Is.EqualTo(Records));
        Assert.That(mostHeld, Is.GreaterThan(Parallel * BatchRows), "the reader did run ahead of the loads");
    }

    [Test]
    public async Task Serial_mode_runs_one_job_at_a_time()
    {
        var run = new PipelineRun(PipelineRun.Config(batchSizeRows: 1, maxParallelJobs: 1));

        var result = await run.RunAsync([Schema, .. Enumerable.Range(0, 20).Select(i => Contact($"{i}", "n"))]);

        Assert.That(result.Summary.RecordsCommitted, Is.EqualTo(20));
        Assert.That(run.Loader.Batches, Has.Count.EqualTo(20));
        Assert.That(run.Loader.MaxConcurrentLoads, Is.EqualTo(1));
    }

    [Test]
    public async Task A_job_waiting_for_a_slot_is_uploaded_at_once_but_closed_only_when_the_slot_frees()
    {
        var loader = new InMemoryObjectLoader { HoldLoads = true };
        var run = new PipelineRun(PipelineRun.Config(batchSizeRows: 1, maxParallelJobs: 1), loader);

        var running = run.RunAsync(Schema, Contact("1", "a"), Contact("2", "b"));
        var first = await loader.NextLoadAsync();
        await loader.WaitForStepAsync(s => s.Kind == LoadStepKind.Stage && s.Batch.Values("Ext__c").Single() == "2");

        Assert.That(loader.Steps.Where(s => s.Kind == LoadStepKind.Complete).Select(s => s.Batch.Values("Ext__c").Single()), Is.EqualTo(new[] { "1" }),
            "the second job is staged while the first holds the only slot, and not closed");
        Assert.That(loader.TryNextLoad(out _), Is.False);
        first.Commit();
        var second = await loader.NextLoadAsync();
        second.Commit();

        Assert.That((await running).Summary.RecordsCommitted, Is.EqualTo(2));
        Assert.That(loader.MaxConcurrentLoads, Is.EqualTo(1));
        Assert.That(loader.Steps.Select(s => $"{s.Kind} {s.Batch.Values("Ext__c").Single()}").Where(s => s.EndsWith('2')),
            Is.EqualTo(new[] { "Stage 2", "Complete 2" }));
    }

    [Test]
    public async Task A_staged_job_is_aborted_not_closed_when_the_run_halts()
    {
        var loader = new InMemoryObjectLoader { HoldLoads = true };
        var run = new PipelineRun(PipelineRun.Config(batchSizeRows: 1, maxParallelJobs: 1), loader);

        var running = run.RunAsync(Schema, Contact("1", "a"), Contact("2", "b"));
        var first = await loader.NextLoadAsync();
        await loader.WaitForStepAsync(s => s.Kind == LoadStepKind.Stage && s.Batch.Values("Ext__c").Single() == "2");
        first.Completion.SetException(new JobFailedException(first.JobId, "InvalidBatch : something is wrong"));

        var result = await running;
        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Halted));
        Assert.That(loader.Steps.Where(s => s.Batch.Values("Ext__c").Single() == "2").Select(s => s.Kind),
            Is.EqualTo(new[] { LoadStepKind.Stage, LoadStepKind.Abort }));
        Assert.That(loader.Batches, Has.Count.EqualTo(1), "only the first job reached Salesforce's processing");
    }

    [Test]
    public async Task Rows_that_could_not_lock_go_again_in_a_later_job()
    {
        var attempts = new Dictionary<string, int>();
        var loader = new InMemoryObjectLoader
        {
            FailRow = (record, _) =>
            {
                var key = (string)record["Ext__c"]!;
                lock (attempts)
                {
                    attempts[key] = attempts.GetValueOrDefault(key) + 1;
                    return key == "2" && attempts[key] == 1 ? new RowFailure(0, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record") : null;
                }
            },
        };
        var run = new PipelineRun(PipelineRun.Config(LoadAction.Upsert, externalIdName: "Ext__c"), loader);

        var result = await run.RunAsync(Schema, Contact("1", "a"), Contact("2", "b"), Contact("3", "c"), Lines.State(new { at = 3 }));

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Completed));
        Assert.That(loader.Batches.Select(b => string.Join(",", b.Values("Ext__c"))), Is.EqualTo(new[] { "1,2,3", "2" }));
        Assert.That(loader.Org.RowsOf("contacts").Keys, Is.EquivalentTo(new[] { "1", "2", "3" }));
        Assert.That(result.Summary.RecordsCommitted, Is.EqualTo(3));
        Assert.That(result.Summary.Jobs, Is.EqualTo(2));
        Assert.That(run.States.States, Is.EqualTo(new[] { "{\"at\":3}" }));
    }

    [Test]
    public async Task A_row_still_locked_after_the_last_retry_is_a_failed_record()
    {
        var loader = new InMemoryObjectLoader
        {
            FailRow = (record, _) => (string?)record["Ext__c"] == "2" ? new RowFailure(0, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access") : null,
        };
        var run = new PipelineRun(PipelineRun.Config(LoadAction.Upsert, allowFailures: true, externalIdName: "Ext__c", lockRetryAttempts: 2), loader);

        var result = await run.RunAsync(Schema, Contact("1", "a"), Contact("2", "b"));

        Assert.That(loader.Batches, Has.Count.EqualTo(3));
        Assert.That(result.Summary.RecordsFailed, Is.EqualTo(1));
        Assert.That(result.Summary.RecordsCommitted, Is.EqualTo(1));
        Assert.That(run.Logs.Messages(LogLevel.Warning), Has.Some.Contains("UNABLE_TO_LOCK_ROW").And.Contains("line 3"));
    }

    [Test]
    public async Task A_quiet_tap_still_gets_its_records_and_state_through_once_the_buffer_is_old_enough()
    {
        var time = new FakeTimeProvider();
        var run = new PipelineRun(PipelineRun.Config(batchWaitLimitSeconds: 10), time: time);
        using var input = new ControlledInput();

        var running = run.RunAsync(input);
        input.WriteLines(Schema, Contact("1", "a"), Lines.State(new { at = 1 }), "{\"type\": \"ACTIVATE_VERSION\", \"stream\": \"contacts\"}");
        await run.Logs.WaitForAsync("ACTIVATE_VERSION");
        Assert.That(run.Loader.Batches, Is.Empty);

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.That(run.States.States, Is.Empty);
        time.Advance(TimeSpan.FromSeconds(3));
        await run.States.WaitForCountAsync(1);

        Assert.That(run.States.States, Is.EqualTo(new[] { "{\"at\":1}" }));
        Assert.That(run.Loader.Batches.Single().Records, Has.Count.EqualTo(1));
        input.Complete();
        Assert.That((await running).Succeeded, Is.True);
    }

    [Test]
    public async Task Logs_progress_at_a_steady_interval()
    {
        var time = new FakeTimeProvider();
        var run = new PipelineRun(PipelineRun.Config(), time: time, tune: o => o with { ProgressInterval = TimeSpan.FromSeconds(30) });
        using var input = new ControlledInput();

        var running = run.RunAsync(input);
        input.WriteLines(Schema, Contact("1", "a"), Contact("2", "b"), "{\"type\": \"ACTIVATE_VERSION\", \"stream\": \"contacts\"}");
        await run.Logs.WaitForAsync("ACTIVATE_VERSION");
        time.Advance(TimeSpan.FromSeconds(30));

        var progress = run.Logs.Messages(LogLevel.Information).Where(m => m.StartsWith("Progress:", StringComparison.Ordinal)).ToList();
        Assert.That(progress, Has.Count.EqualTo(1));
        Assert.That(progress[0], Does.Contain("2 records read").And.Contain("jobs in flight").And.Contain("records/s"));
        input.Complete();
        await running;
    }

    [Test]
    public async Task On_a_termination_signal_jobs_in_flight_finish_within_the_grace_period_and_the_rest_are_aborted()
    {
        var time = new FakeTimeProvider();
        var loader = new InMemoryObjectLoader { HoldLoads = true };
        var run = new PipelineRun(PipelineRun.Config(batchSizeRows: 1), loader, o => o with { ShutdownGracePeriod = TimeSpan.FromSeconds(30) }, time);
        using var input = new ControlledInput();
        using var signal = new CancellationTokenSource();

        var running = run.RunAsync(input, cancellationToken: signal.Token);
        input.WriteLines(Schema, Contact("1", "a"), Lines.State(new { at = 1 }), Contact("2", "b"), Lines.State(new { at = 2 }));
        var loads = new[] { await loader.NextLoadAsync(), await loader.NextLoadAsync() };
        await signal.CancelAsync();
        await run.Logs.WaitForAsync("Stopping: waiting up to");
        loads.Single(l => l.Batch.Values("Ext__c").Single() == "1").Commit();
        await run.States.WaitForCountAsync(1);
        time.Advance(TimeSpan.FromSeconds(30));

        var result = await running;
        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Cancelled));
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(run.States.States, Is.EqualTo(new[] { "{\"at\":1}" }));
        Assert.That(loads.Single(l => l.Batch.Values("Ext__c").Single() == "2").CancellationToken.IsCancellationRequested, Is.True);
        Assert.That(result.Summary.RecordsCommitted, Is.EqualTo(1));
        input.Complete();
    }

    [Test]
    public async Task A_termination_signal_after_the_whole_input_was_read_still_ends_the_run_as_cancelled()
    {
        var loader = new InMemoryObjectLoader { HoldLoads = true };
        var run = new PipelineRun(PipelineRun.Config(), loader);
        using var signal = new CancellationTokenSource();

        var running = run.RunAsync(Lines.Input(Schema, Contact("1", "a"), Lines.State(new { at = 1 })), cancellationToken: signal.Token);
        var load = await loader.NextLoadAsync(); // the input is at its end: this is the final flush
        await signal.CancelAsync();
        await run.Logs.WaitForAsync("Stopping: waiting up to");
        load.Commit();

        var result = await running;
        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Cancelled));
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(run.States.States, Is.EqualTo(new[] { "{\"at\":1}" }), "the state the committed records make true still goes out");
    }

    [Test]
    public async Task A_second_signal_ends_the_grace_period_at_once_and_aborts_the_jobs_in_flight()
    {
        var time = new FakeTimeProvider(); // never advanced: only the second signal can end the wait
        var loader = new InMemoryObjectLoader { HoldLoads = true };
        var run = new PipelineRun(PipelineRun.Config(), loader, o => o with { ShutdownGracePeriod = TimeSpan.FromSeconds(30) }, time);
        using var input = new ControlledInput();
        using var signal = new CancellationTokenSource();
        using var insisted = new CancellationTokenSource();

        var running = new LoadingPipeline(loader, run.States, run.Options, run.Logs, time)
            .RunAsync(input, lenient: false, signal.Token, insisted.Token);
        input.WriteLines(Schema, Contact("1", "a"), "{\"type\": \"ACTIVATE_VERSION\", \"stream\": \"contacts\"}");
        input.Complete();
        var load = await loader.NextLoadAsync();
        await signal.CancelAsync();
        await run.Logs.WaitForAsync("Stopping: waiting up to");
        await insisted.CancelAsync();

        var result = await running.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Cancelled));
        Assert.That(load.CancellationToken.IsCancellationRequested, Is.True, "the job in flight was aborted");
        Assert.That(run.Logs.Messages(LogLevel.Warning), Has.Some.StartsWith("Second signal"));
        Assert.That(run.States.States, Is.Empty);
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading;
using TargetSalesforce.Loading.Jobs;

namespace TargetSalesforce.Tests.Loading.Jobs;

public class JobSchedulerTests
{
    [Test]
    public async Task Submitting_waits_for_a_free_slot_which_is_what_pauses_the_reader()
    {
        var release = new TaskCompletionSource();
        using var halt = new RunHalt(NullLogger.Instance);
        using var scheduler = new JobScheduler(1, (_, _) => release.Task, halt);

        await scheduler.SubmitAsync(Job("a"), CancellationToken.None);
        var second = scheduler.SubmitAsync(Job("b"), CancellationToken.None);

        Assert.That(second.IsCompleted, Is.False);
        release.SetResult();
        await second.WaitAsync(TimeSpan.FromSeconds(20));
        await scheduler.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Test]
    public async Task A_job_writing_a_key_held_by_a_job_in_flight_starts_only_after_it_but_others_do_not_wait()
    {
        var started = new List<string>();
        var gates = new Dictionary<string, TaskCompletionSource>
        {
            ["first"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
            ["same-key"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
            ["other-key"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
        };
        var otherStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var halt = new RunHalt(NullLogger.Instance);
        using var scheduler = new JobScheduler(4, (job, _) =>
        {
            var name = job.Counters.Stream;
            lock (started)
            {
                started.Add(name);
            }

            if (name == "other-key")
            {
                otherStarted.SetResult();
            }

            return gates[name].Task;
        }, halt);

        await scheduler.SubmitAsync(Job("first", "k1", "k2"), CancellationToken.None);
        await scheduler.SubmitAsync(Job("same-key", "K1"), CancellationToken.None);
        await scheduler.SubmitAsync(Job("other-key", "k3"), CancellationToken.None);
        await otherStarted.Task.WaitAsync(TimeSpan.FromSeconds(20));

        lock (started)
        {
            Assert.That(started, Does.Not.Contain("same-key"));
        }

        gates["first"].SetResult();
        gates["other-key"].SetResult();
        gates["same-key"].SetResult();
        await scheduler.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.That(started.IndexOf("same-key"), Is.GreaterThan(started.IndexOf("first")));
    }

    [Test]
    public async Task A_job_waits_for_whichever_job_in_flight_holds_its_key_for_the_same_object_only()
    {
        var gates = new[] { "a", "b", "account", "d" }
            .ToDictionary(n => n, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var accountStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bDoneWhenDStarted = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var halt = new RunHalt(NullLogger.Instance);
        using var scheduler = new JobScheduler(4, (job, _) =>
        {
            var name = job.Counters.Stream;
            if (name == "account")
            {
                accountStarted.SetResult();
            }

            if (name == "d")
            {
                bDoneWhenDStarted.SetResult(gates["b"].Task.IsCompleted);
            }

            return gates[name].Task;
        }, halt);

        await scheduler.SubmitAsync(Job("a", "a1", "a2"), CancellationToken.None);
        await scheduler.SubmitAsync(Job("b", "b1", "b2", "b3"), CancellationToken.None);
        await scheduler.SubmitAsync(JobFor("Account", "account", "a1"), CancellationToken.None);
        await scheduler.SubmitAsync(Job("d", "B2"), CancellationToken.None);

        // Another object's key of the same text is another record: that job runs beside "a".
        await accountStarted.Task.WaitAsync(TimeSpan.FromSeconds(20));
        gates["a"].SetResult();
        gates["account"].SetResult();
        gates["b"].SetResult();
        gates["d"].SetResult();
        await scheduler.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.That(await bDoneWhenDStarted.Task, Is.True, "\"d\" writes b's key B2 (case aside), so it starts only once \"b\" has ended");
    }

    [Test]
    public async Task Insert_jobs_that_lock_a_parent_held_by_a_job_in_flight_wait_for_it_even_for_another_object()
    {
        var started = new List<string>();
        var gates = new[] { "contacts", "opportunities", "other-account" }
            .ToDictionary(n => n, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var otherStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var halt = new RunHalt(NullLogger.Instance);
        using var scheduler = new JobScheduler(4, (job, _) =>
        {
            var name = job.Counters.Stream;
            lock (started)
            {
                started.Add(name);
            }

            if (name == "other-account")
            {
                otherStarted.SetResult();
            }

            return gates[name].Task;
        }, halt);

        await scheduler.SubmitAsync(InsertJob("contacts", "Contact", "Account.Id=001A", "Account.Id=001B"), CancellationToken.None);
        await scheduler.SubmitAsync(InsertJob("opportunities", "Opportunity", "account.id=001a"), CancellationToken.None);
        await scheduler.SubmitAsync(InsertJob("other-account", "Contact", "Account.Id=001C"), CancellationToken.None);
        await otherStarted.Task.WaitAsync(TimeSpan.FromSeconds(20));

        lock (started)
        {
            Assert.That(started, Does.Not.Contain("opportunities"), "inserts have no keys, but they lock the same Account");
        }

        gates["contacts"].SetResult();
        gates["other-account"].SetResult();
        gates["opportunities"].SetResult();
        await scheduler.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.That(started.IndexOf("opportunities"), Is.GreaterThan(started.IndexOf("contacts")));
    }

    [Test]
    public void A_job_keeps_its_rows_keys_as_fingerprints_and_its_rows_let_go_of_the_text()
    {
        var job = Job("contacts", "k1", "k2");
        var insert = InsertJob("leads", "Lead", "Account.Id=001A");

        Assert.Multiple(() =>
        {
            Assert.That(job.Rows.Select(r => r.Key), Is.All.Null);
            Assert.That(job.Keys.Count, Is.EqualTo(2));
            Assert.That(job.Keys.Overlaps(Job("later", "K2").Keys), Is.True);
            Assert.That(job.Keys.Overlaps(Job("other", "k3").Keys), Is.False);
            Assert.That(insert.Keys.Count, Is.Zero, "an insert names no key");
        });
    }

    private static LoadJob InsertJob(string name, string objectName, params string[] parents) =>
        new(new StreamCounters(name, objectName), new KeyedWriter(new ObjectOperation(objectName, LoadAction.Insert, "Id")),
            parents.Select((p, i) => new BufferedRow(ReadOnlyMemory<byte>.Empty, null, i + 1, 0, null, p)).ToArray())
        {
            ParentLocks = parents,
        };

    private static LoadJob Job(string name, params string[] keys) => JobFor("Contact", name, keys);

    private static LoadJob JobFor(string objectName, string name, params string[] keys)
    {
        var writer = new KeyedWriter(new ObjectOperation(objectName, LoadAction.Upsert, "Ext__c"));
        return new LoadJob(new StreamCounters(name, objectName), writer,
            keys.Select((k, i) => new BufferedRow(ReadOnlyMemory<byte>.Empty, k, i + 1, 0, null)).ToArray());
    }

    private sealed class KeyedWriter(ObjectOperation? operation = null) : IObjectWriter
    {
        public ObjectOperation Operation { get; } = operation ?? new("Contact", LoadAction.Upsert, "Ext__c");

        public IReadOnlyList<string> Columns { get; } = [];

        public IReadOnlyCollection<string> ParentObjects { get; } = [];

        public EncodedRecord Encode(IRecordView record) => throw new NotSupportedException();

        public Task<IStagedLoad> StageAsync(RowBatch batch, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading;
using TargetSalesforce.Loading.Buffering;
using TargetSalesforce.Loading.Jobs;
using TargetSalesforce.Tests.Support;
using static TargetSalesforce.Tests.Support.TestRows;

namespace TargetSalesforce.Tests.Loading.Buffering;

/// <summary>
/// The reserve and the end of input: while enough jobs are queued a stream keeps its newest full batches back, and at the
/// end of input it sends them and its last rows in small jobs. Jobs here stay queued until the test lets them end.
/// </summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class FlushEngineReserveTests : IDisposable
{
    private readonly FakeTimeProvider time = new();
    private readonly RunHalt halt = new(NullLogger.Instance);
    private readonly JobScheduler scheduler;
    private readonly List<(string Batch, TaskCompletionSource End)> started = [];
    private volatile bool endAtOnce;

    public FlushEngineReserveTests()
    {
        scheduler = new JobScheduler(100, async (job, _) =>
        {
            var end = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (started)
            {
                started.Add((string.Join(",", job.Rows.Select(r => r.Line)), end));
                if (endAtOnce)
                {
                    end.TrySetResult();
                }
            }

            await end.Task;
        }, halt);
    }

    public void Dispose()
    {
        lock (started)
        {
            started.ForEach(s => s.End.TrySetResult());
        }

        scheduler.Dispose();
        halt.Dispose();
    }

    [Test]
    public async Task While_jobs_are_queued_full_batches_are_kept_back_and_the_end_of_input_sends_them_and_the_last_rows_in_small_jobs()
    {
        var engine = Engine(reserveRows: 4, whileQueued: 2, endJobRows: 1);
        var buffer = engine.Open(new NamedObjectWriter("Contact"), Counters());

        await AddAsync(engine, buffer, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        Assert.That(scheduler.Admitted, Is.EqualTo(2), "two jobs queued: [5,6] and [7,8] are kept back");
        Assert.That(await SentAsync(2), Is.EqualTo(new[] { "1,2", "3,4" }));

        await engine.FlushAtEndAsync(CancellationToken.None);
        Assert.That(await SentAsync(7), Is.EqualTo(new[] { "1,2", "3,4", "5", "6", "7", "8", "9" }), "kept and last rows, one a job");
    }

    [Test]
    public async Task A_full_reserve_sends_its_oldest_batch_whole()
    {
        var engine = Engine(reserveRows: 4, whileQueued: 2, endJobRows: 1);
        var buffer = engine.Open(new NamedObjectWriter("Contact"), Counters());

        await AddAsync(engine, buffer, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

        Assert.That(scheduler.Admitted, Is.EqualTo(3), "[7,8] and [9,10] kept");
        Assert.That(await SentAsync(3), Is.EqualTo(new[] { "1,2", "3,4", "5,6" }));
    }

    [Test]
    public async Task A_kept_batch_goes_out_whole_once_a_job_ends_and_fewer_are_queued()
    {
        var engine = Engine(reserveRows: 4, whileQueued: 2, endJobRows: 1);
        using var ticked = new SemaphoreSlim(0);
        engine.StartTicks(() => ticked.Release());
        var buffer = engine.Open(new NamedObjectWriter("Contact"), Counters());
        await AddAsync(engine, buffer, 1, 2, 3, 4, 5, 6);
        Assert.That(await SentAsync(2), Is.EqualTo(new[] { "1,2", "3,4" }));

        await engine.FlushAgedAsync(CancellationToken.None);
        Assert.That(scheduler.Admitted, Is.EqualTo(2), "still two jobs queued: the batch stays kept");

        End("1,2");
        Assert.That(await ticked.WaitAsync(TimeSpan.FromSeconds(20)), Is.True, "the job's end asks for a tick");
        await engine.FlushAgedAsync(CancellationToken.None);
        Assert.That(await SentAsync(3), Is.EqualTo(new[] { "1,2", "3,4", "5,6" }));
    }

    [Test]
    public async Task A_kept_batch_goes_out_whole_at_the_age_limit()
    {
        var engine = Engine(reserveRows: 4, whileQueued: 2, endJobRows: 1, maxAge: TimeSpan.FromSeconds(10));
        var buffer = engine.Open(new NamedObjectWriter("Contact"), Counters());
        await AddAsync(engine, buffer, 1, 2, 3, 4, 5, 6);

        time.Advance(TimeSpan.FromSeconds(10));
        await engine.FlushAgedIfDueAsync(CancellationToken.None);

        Assert.That(await SentAsync(3), Is.EqualTo(new[] { "1,2", "3,4", "5,6" }));
    }

    [Test]
    public async Task Batches_that_must_follow_others_go_whole_and_at_once()
    {
        var engine = Engine(reserveRows: 6, whileQueued: 1, endJobRows: 1, maxRows: 3);
        var accounts = engine.Open(new NamedObjectWriter("Account"), Counters("accounts"));
        var contacts = engine.Open(new NamedObjectWriter("Contact", parents: ["Account"]), Counters());
        var locking = engine.Open(new NamedObjectWriter("Case", locksParents: true), Counters("cases"));
        await AddAsync(engine, accounts, 1, 2);
        await AddAsync(engine, contacts, 3, 4, 5, 6, 7);
        foreach (var line in new long[] { 8, 9 })
        {
            await engine.AddAsync(locking, Row(line, parentLock: "Account.Id=001"), CancellationToken.None);
        }

        Assert.That(scheduler.Admitted, Is.EqualTo(2), "the contacts' full batch went though a job was queued");
        await engine.FlushAtEndAsync(CancellationToken.None);
        Assert.That(scheduler.Admitted, Is.EqualTo(4));
        EndAll(); // the contacts' jobs start only once the accounts' job has ended

        Assert.That(await SentAsync(4), Is.EqualTo(new[] { "1,2", "3,4,5", "6,7", "8,9" }), "looking up and naming a locked parent: whole batches");
    }

    [Test]
    public async Task A_delete_of_a_kept_key_sends_the_kept_writes_first()
    {
        var engine = Engine(reserveRows: 4, whileQueued: 1, endJobRows: 1);
        var writes = engine.Open(new NamedObjectWriter("Contact", LoadAction.Upsert), Counters());
        foreach (var (line, key) in new[] { (1L, "A"), (2L, "B"), (3L, "C"), (4L, "D") })
        {
            await engine.AddAsync(writes, Row(line, key), CancellationToken.None);
        }

        Assert.That(scheduler.Admitted, Is.EqualTo(1), "[3,4] kept back");
        var deletes = engine.OpenCompanion(writes, new NamedObjectWriter("Contact", LoadAction.Delete));
        await engine.AddAsync(deletes, Row(5, "C"), CancellationToken.None);

        // The write of C must reach Salesforce before its delete, or the delete would be undone.
        Assert.That(scheduler.Admitted, Is.EqualTo(2), "the kept writes went before the delete was buffered");
        EndAll();
        await engine.FlushAtEndAsync(CancellationToken.None);
        Assert.That(await SentAsync(3), Is.EqualTo(new[] { "1,2", "3,4", "5" }));
    }

    [Test]
    public async Task Without_balancing_every_full_batch_goes_at_once_and_the_last_rows_in_one_job()
    {
        var engine = Engine(reserveRows: 0, whileQueued: 1, endJobRows: 0);
        var buffer = engine.Open(new NamedObjectWriter("Contact"), Counters());

        await AddAsync(engine, buffer, 1, 2, 3, 4, 5, 6, 7);
        await engine.FlushAtEndAsync(CancellationToken.None);

        Assert.That(await SentAsync(4), Is.EqualTo(new[] { "1,2", "3,4", "5,6", "7" }));
    }

    private FlushEngine Engine(int reserveRows, int whileQueued, int endJobRows, TimeSpan maxAge = default, int maxRows = 2) =>
        new(new FlushOptions
        {
            MaxBatchRows = maxRows, FirstBatchRows = maxRows, MaxBatchBytes = 1_000_000, MaxAge = maxAge,
            ReserveRows = reserveRows, ReserveWhileJobsQueued = whileQueued, EndJobRows = endJobRows,
        }, scheduler, time);

    /// <summary>The batches begun, by first line, once at least <paramref name="count"/> have (jobs start on the pool).</summary>
    private async Task<IReadOnlyList<string>> SentAsync(int count)
    {
        var waited = Task.Run(() => SpinWait.SpinUntil(() => { lock (started) { return started.Count >= count; } }, TimeSpan.FromSeconds(20)));
        Assert.That(await waited, Is.True, $"{count} jobs begun");
        lock (started)
        {
            return started.Select(s => s.Batch).OrderBy(b => long.Parse(b.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        }
    }

    private void EndAll()
    {
        lock (started)
        {
            endAtOnce = true;
            started.ForEach(s => s.End.TrySetResult());
        }
    }

    private void End(string batch)
    {
        lock (started)
        {
            started.Single(s => s.Batch == batch).End.TrySetResult();
        }
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading;
using TargetSalesforce.Loading.Buffering;
using TargetSalesforce.Loading.Jobs;
using TargetSalesforce.Tests.Support;
using static TargetSalesforce.Tests.Support.TestRows;

namespace TargetSalesforce.Tests.Loading.Buffering;

/// <summary>Each flush rule of the engine, on its own: batches are recorded in the order they reach the scheduler.</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class FlushEngineTests : IDisposable
{
    private readonly FakeTimeProvider time = new();
    private readonly List<string> batches = [];
    private readonly RunHalt halt = new(NullLogger.Instance);
    private readonly JobScheduler scheduler;

    public FlushEngineTests()
    {
        // One slot: jobs run in the order they were admitted, which is the order the engine sent them.
        scheduler = new JobScheduler(1, (job, _) =>
        {
            lock (batches)
            {
                batches.Add($"{job.Writer.Operation.ObjectName}:{string.Join(",", job.Rows.Select(r => r.Line))}");
            }

            return Task.CompletedTask;
        }, halt);
    }

    public void Dispose()
    {
        scheduler.Dispose();
        halt.Dispose();
    }

    [Test]
    public async Task A_buffer_goes_out_when_it_holds_a_batch_and_its_first_batch_is_smaller()
    {
        var engine = Engine(maxRows: 3, firstRows: 2);
        var buffer = engine.Open(new NamedObjectWriter("Contact"), Counters());

        await AddAsync(engine, buffer, 1, 2, 3, 4, 5, 6, 7);
        await engine.FlushAllAsync(CancellationToken.None);

        Assert.That(await BatchesAsync(), Is.EqualTo(new[] { "Contact:1,2", "Contact:3,4,5", "Contact:6,7" }));
    }

    [Test]
    public async Task A_row_that_would_pass_the_byte_limit_sends_the_buffer_first()
    {
        var engine = Engine(maxBytes: 10);
        var buffer = engine.Open(new NamedObjectWriter("Contact"), Counters());

        await engine.AddAsync(buffer, Row(1, bytes: 6), CancellationToken.None);
        await engine.AddAsync(buffer, Row(2, bytes: 6), CancellationToken.None);
        await engine.AddAsync(buffer, Row(3, bytes: 4), CancellationToken.None);

        Assert.That(await BatchesAsync(), Is.EqualTo(new[] { "Contact:1", "Contact:2,3" }));
    }

    [Test]
    public async Task A_buffer_goes_out_once_its_oldest_row_has_waited_the_age_limit()
    {
        var engine = Engine(maxAge: TimeSpan.FromSeconds(10));
        var buffer = engine.Open(new NamedObjectWriter("Contact"), Counters());
        await AddAsync(engine, buffer, 1);
        time.Advance(TimeSpan.FromSeconds(6));
        await AddAsync(engine, buffer, 2);

        time.Advance(TimeSpan.FromSeconds(3));
        await engine.FlushAgedIfDueAsync(CancellationToken.None);
        Assert.That(await BatchesAsync(), Is.Empty);

        time.Advance(TimeSpan.FromSeconds(1));
        await engine.FlushAgedIfDueAsync(CancellationToken.None);
        Assert.That(await BatchesAsync(), Is.EqualTo(new[] { "Contact:1,2" }));
    }

    [Test]
    public async Task A_key_waiting_in_the_streams_other_buffer_sends_that_buffer_first()
    {
        var engine = Engine();
        var writes = engine.Open(new NamedObjectWriter("Contact", LoadAction.Upsert), Counters());
        var deletes = engine.OpenCompanion(writes, new NamedObjectWriter("Contact", LoadAction.Delete));

        await engine.AddAsync(writes, Row(1, key: "A"), CancellationToken.None);
        await engine.AddAsync(writes, Row(2, key: "B"), CancellationToken.None);
        await engine.AddAsync(deletes, Row(3, key: "C"), CancellationToken.None);
        Assert.That(await BatchesAsync(), Is.Empty);

        await engine.AddAsync(deletes, Row(4, key: "A"), CancellationToken.None);
        Assert.That(await BatchesAsync(), Is.EqualTo(new[] { "Contact:1,2" }));
    }

    [Test]
    public async Task Before_a_batch_goes_out_the_buffered_rows_of_the_objects_it_looks_up_go_out_whatever_their_stream()
    {
        var engine = Engine(maxRows: 2);
        var accounts = engine.Open(new NamedObjectWriter("Account"), Counters("accounts"));
        var contacts = engine.Open(new NamedObjectWriter("Contact", parents: ["Account"]), Counters());
        var leads = engine.Open(new NamedObjectWriter("Lead"), Counters("leads"));

        await AddAsync(engine, accounts, 1);
        await AddAsync(engine, leads, 2);
        await AddAsync(engine, contacts, 3, 4);

        Assert.That(await BatchesAsync(), Is.EqualTo(new[] { "Account:1", "Contact:3,4" }));
    }

    [Test]
    public async Task A_restarted_stream_sends_both_its_buffers_and_starts_over_with_a_small_first_batch()
    {
        var engine = Engine(maxRows: 3, firstRows: 2);
        var writes = engine.Open(new NamedObjectWriter("Contact", LoadAction.Upsert), Counters());
        await AddAsync(engine, writes, 1, 2, 3);
        var deletes = engine.OpenCompanion(writes, new NamedObjectWriter("Contact", LoadAction.Delete));
        await engine.AddAsync(deletes, Row(4, key: "D"), CancellationToken.None);

        var restarted = await engine.RestartAsync(writes, () => Task.FromResult<IObjectWriter>(new NamedObjectWriter("Contact", LoadAction.Upsert)), CancellationToken.None);
        await AddAsync(engine, restarted, 5, 6);

        Assert.That(restarted.Companion, Is.Null);
        Assert.That(await BatchesAsync(), Is.EqualTo(new[] { "Contact:1,2", "Contact:3", "Contact:4", "Contact:5,6" }));
    }

    [Test]
    public async Task Rows_that_lock_parents_go_out_ordered_by_parent_in_one_chunk_jobs_and_in_one_job_when_ordering_is_off()
    {
        var parents = Enumerable.Range(0, 24_000).Select(i => $"Account.Id=00{i % 3}").ToArray();

        foreach (var ordering in new[] { true, false })
        {
            var engine = new FlushEngine(
                new FlushOptions { MaxBatchRows = 50_000, FirstBatchRows = 50_000, MaxBatchBytes = 100_000_000, MaxAge = default, LockAwareOrdering = ordering, LockJobsPerBatch = 2 },
                scheduler, time);
            var buffer = engine.Open(new NamedObjectWriter("Contact", locksParents: true), Counters());
            for (var i = 0; i < parents.Length; i++)
            {
                await engine.AddAsync(buffer, Row(i + 1, parentLock: parents[i]), CancellationToken.None);
            }

            await engine.FlushAllAsync(CancellationToken.None);
        }

        // A lock-taking column left empty in every row: nothing to order, the batch goes whole.
        var unnamed = new FlushEngine(new FlushOptions { MaxBatchRows = 50_000, FirstBatchRows = 50_000, MaxBatchBytes = 100_000_000, MaxAge = default }, scheduler, time);
        var empty = unnamed.Open(new NamedObjectWriter("Contact", locksParents: true), Counters());
        for (var i = 0; i < 24_000; i++)
        {
            await unnamed.AddAsync(empty, Row(i + 1), CancellationToken.None);
        }

        await unnamed.FlushAllAsync(CancellationToken.None);
        var sent = await BatchesAsync();
        var ordered = sent.Take(3).Select(b => b.Split(':')[1].Split(',').Select(long.Parse).ToArray()).ToArray();
        Assert.That(sent, Has.Count.EqualTo(5), "three jobs of one Account each, then one job of everything, twice");
        Assert.That(sent[4].Split(',').Length, Is.EqualTo(24_000));
        Assert.That(ordered.Select(j => j.Length), Is.EqualTo(new[] { 8_000, 8_000, 8_000 }));
        Assert.That(ordered.Select(j => j.Select(line => parents[line - 1]).Distinct().Count()), Is.All.EqualTo(1));
        Assert.That(sent[3].Split(',').Length, Is.EqualTo(24_000));
    }

    [Test]
    public async Task Rows_naming_the_parents_they_lock_gather_a_larger_batch_cut_into_jobs_and_rows_naming_none_go_at_the_batch_size()
    {
        var engine = new FlushEngine(
            new FlushOptions { MaxBatchRows = 100, FirstBatchRows = 100, MaxBatchBytes = 100_000_000, MaxAge = default, LockBatchRows = 400, LockJobsPerBatch = 4 },
            scheduler, time);
        var named = engine.Open(new NamedObjectWriter("Contact", locksParents: true), Counters("contacts"));
        var unnamed = engine.Open(new NamedObjectWriter("Case", locksParents: true), Counters("cases"));
        for (var i = 0; i < 400; i++)
        {
            await engine.AddAsync(named, Row(i + 1, parentLock: $"Account.Id=00{i % 8}"), CancellationToken.None);
            await engine.AddAsync(unnamed, Row(i + 1), CancellationToken.None);
        }

        var sent = await BatchesAsync(); // before any flush at the end: only what the sizes sent
        var contacts = sent.Where(b => b.StartsWith("Contact:", StringComparison.Ordinal)).Select(b => b["Contact:".Length..].Split(',').Select(int.Parse).ToArray()).ToArray();
        Assert.That(sent.Where(b => b.StartsWith("Case:", StringComparison.Ordinal)).Select(b => b.Split(',').Length), Is.EqualTo(new[] { 100, 100, 100, 100 }),
            "a lock-taking object whose rows name no parent goes at the batch size");
        Assert.That(contacts.Select(j => j.Length), Is.EqualTo(new[] { 100, 100, 100, 100 }), "400 rows gathered, cut into four jobs");
        Assert.That(contacts.Select(j => j.Select(line => (line - 1) % 8).Distinct().Count()), Is.All.EqualTo(2), "each job two whole parents");
        Assert.That(contacts.SelectMany(j => j.Select(line => (line - 1) % 8).Distinct()).Distinct().Count(), Is.EqualTo(8), "no parent in two jobs");
    }

    [Test]
    public async Task Superseding_a_repeated_key_keeps_only_its_last_record_in_the_batch()
    {
        var engine = Engine(maxRows: 3);
        var buffer = engine.Open(new NamedObjectWriter("Contact", LoadAction.Upsert), Counters());

        foreach (var (line, key) in new[] { (1L, "A"), (2L, "B"), (3L, "A"), (4L, "C") })
        {
            await engine.AddAsync(buffer, Row(line, key), CancellationToken.None);
        }

        Assert.That(await BatchesAsync(), Is.EqualTo(new[] { "Contact:3,2,4" }), "line 3 took line 1's place");
    }

    [Test]
    public async Task Sending_every_version_holds_a_repeated_key_back_for_the_next_batch_which_it_opens()
    {
        var engine = Engine(maxRows: 3, sendEveryVersion: true);
        var buffer = engine.Open(new NamedObjectWriter("Contact", LoadAction.Upsert), Counters());

        foreach (var (line, key) in new[] { (1L, "A"), (2L, "A"), (3L, "B"), (4L, "A"), (5L, "C"), (6L, "D"), (7L, "E") })
        {
            await engine.AddAsync(buffer, Row(line, key), CancellationToken.None);
        }

        await engine.FlushAllAsync(CancellationToken.None);

        // A's three versions go in three batches in input order; the held ones open the batches after.
        Assert.That(await BatchesAsync(), Is.EqualTo(new[] { "Contact:1,3,5", "Contact:2,6,7", "Contact:4" }));
    }

    [Test]
    public async Task Sending_every_version_a_delete_of_a_held_key_waits_for_every_write_of_it()
    {
        var engine = Engine(sendEveryVersion: true);
        var writes = engine.Open(new NamedObjectWriter("Contact", LoadAction.Upsert), Counters());
        var deletes = engine.OpenCompanion(writes, new NamedObjectWriter("Contact", LoadAction.Delete));

        await engine.AddAsync(writes, Row(1, key: "A"), CancellationToken.None);
        await engine.AddAsync(writes, Row(2, key: "A"), CancellationToken.None);
        await engine.AddAsync(deletes, Row(3, key: "A"), CancellationToken.None);
        await engine.FlushAllAsync(CancellationToken.None);

        Assert.That(await BatchesAsync(), Is.EqualTo(new[] { "Contact:1", "Contact:2", "Contact:3" }));
    }

    [Test]
    public async Task Sending_every_version_held_repeats_never_overtake_their_batch_through_a_cycle_of_lookups()
    {
        var engine = Engine(maxRows: 2, sendEveryVersion: true);
        var accounts = engine.Open(new NamedObjectWriter("Account", LoadAction.Upsert, parents: ["Contact"]), Counters("accounts"));
        var contacts = engine.Open(new NamedObjectWriter("Contact", LoadAction.Upsert, parents: ["Account"]), Counters());

        await engine.AddAsync(contacts, Row(1, key: "C1"), CancellationToken.None);
        await engine.AddAsync(accounts, Row(2, key: "A1"), CancellationToken.None);
        await engine.AddAsync(accounts, Row(3, key: "A1"), CancellationToken.None);
        await engine.AddAsync(accounts, Row(4, key: "A2"), CancellationToken.None);

        // The account batch [2,4] sends the contacts first; the contacts' parents are the accounts again, whose held
        // line 3 must not go before [2,4]: it waits for the end of input.
        Assert.That(await BatchesAsync(), Is.EqualTo(new[] { "Contact:1", "Account:2,4" }));
        await engine.FlushAllAsync(CancellationToken.None);
        Assert.That(await BatchesAsync(), Is.EqualTo(new[] { "Contact:1", "Account:2,4", "Account:3" }));
    }

    [Test]
    public async Task Sending_every_version_held_repeats_keep_the_age_of_the_rows_they_came_with()
    {
        var engine = Engine(maxRows: 2, maxAge: TimeSpan.FromSeconds(10), sendEveryVersion: true);
        var buffer = engine.Open(new NamedObjectWriter("Contact", LoadAction.Upsert), Counters());
        await engine.AddAsync(buffer, Row(1, key: "A"), CancellationToken.None);
        await engine.AddAsync(buffer, Row(2, key: "A"), CancellationToken.None);
        await engine.AddAsync(buffer, Row(3, key: "B"), CancellationToken.None);
        Assert.That(await BatchesAsync(), Is.EqualTo(new[] { "Contact:1,3" }));

        time.Advance(TimeSpan.FromSeconds(10));
        await engine.FlushAgedIfDueAsync(CancellationToken.None);
        Assert.That(await BatchesAsync(), Is.EqualTo(new[] { "Contact:1,3", "Contact:2" }));
    }

    private FlushEngine Engine(int maxRows = 100, int firstRows = 100, long maxBytes = 1_000_000, TimeSpan maxAge = default, bool sendEveryVersion = false) =>
        new(new FlushOptions { MaxBatchRows = maxRows, FirstBatchRows = firstRows, MaxBatchBytes = maxBytes, MaxAge = maxAge, SendEveryVersion = sendEveryVersion }, scheduler, time);

    private async Task<IReadOnlyList<string>> BatchesAsync()
    {
        await scheduler.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(20));
        lock (batches)
        {
            return batches.ToArray();
        }
    }
}

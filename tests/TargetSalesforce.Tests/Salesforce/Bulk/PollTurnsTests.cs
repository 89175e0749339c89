using Microsoft.Extensions.Time.Testing;
using TargetSalesforce.Salesforce.Bulk;

namespace TargetSalesforce.Tests.Salesforce.Bulk;

public class PollTurnsTests
{
    [Test]
    public void The_oldest_job_waited_for_is_first_and_its_end_makes_the_next_oldest_first()
    {
        var turns = new PollTurns();
        using var oldest = turns.Join();
        using var middle = turns.Join();
        using var youngest = turns.Join();

        Assert.That((oldest.IsFirst, middle.IsFirst, youngest.IsFirst), Is.EqualTo((true, false, false)));

        youngest.Dispose(); // a younger job ending out of turn hands nothing on
        Assert.That((oldest.IsFirst, middle.IsFirst), Is.EqualTo((true, false)));

        oldest.Dispose();
        Assert.That(middle.IsFirst, Is.True);

        using var next = turns.Join();
        Assert.That(next.IsFirst, Is.False, "a job closed later waits behind the one now first");
    }

    [Test]
    public async Task The_first_job_waits_its_whole_wait()
    {
        var clock = new FakeTimeProvider();
        using var first = new PollTurns().Join();

        var wait = first.DelayAsync(TimeSpan.FromSeconds(1), clock, CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.That(wait.IsCompleted, Is.False);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        await wait.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Test]
    public async Task A_younger_job_s_wait_ends_the_moment_it_becomes_the_oldest()
    {
        var clock = new FakeTimeProvider();
        var turns = new PollTurns();
        var oldest = turns.Join();
        using var younger = turns.Join();

        var wait = younger.DelayAsync(TimeSpan.FromSeconds(10), clock, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(wait.IsCompleted, Is.False, "still behind the oldest");

        oldest.Dispose();
        await wait.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(clock.GetUtcNow() - clock.Start, Is.EqualTo(TimeSpan.FromSeconds(1)), "polled at once, not after its 10 s");
    }

    [Test]
    public async Task A_younger_job_s_wait_ends_on_its_own_time_when_the_oldest_runs_on()
    {
        var clock = new FakeTimeProvider();
        var turns = new PollTurns();
        using var oldest = turns.Join();
        using var younger = turns.Join();

        var wait = younger.DelayAsync(TimeSpan.FromSeconds(2), clock, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(2));
        await wait.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(younger.IsFirst, Is.False);
    }

    [Test]
    public void A_cancelled_wait_of_a_younger_job_throws()
    {
        var clock = new FakeTimeProvider();
        var turns = new PollTurns();
        using var oldest = turns.Join();
        using var younger = turns.Join();
        using var cancel = new CancellationTokenSource();

        var wait = younger.DelayAsync(TimeSpan.FromSeconds(10), clock, cancel.Token);
        cancel.Cancel();

        Assert.That(async () => await wait.WaitAsync(TimeSpan.FromSeconds(10)), Throws.InstanceOf<OperationCanceledException>());
    }
}

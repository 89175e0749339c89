using Microsoft.Extensions.Time.Testing;
using SalesforceEmulator.Bulk;
using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Bulk;

/// <summary>
/// At thousands of rows a second the next row is due within microseconds; a wait that short is no wait on
/// the system clock (timers count whole milliseconds), so the job would spin and starve the server. It
/// waits a millisecond at least and does the rows allowed meanwhile together.
/// </summary>
public sealed class FastPacingTests : EmulatorFixture
{
    private const int RowsPerSecond = 100_000;
    private readonly RecordingClock clock = new(new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)));

    protected override EmulatorOptions CreateOptions() => new() { Time = clock, ProcessingRate = RowsPerSecond, Workers = 1 };

    [Test]
    public async Task A_fast_rate_waits_at_least_a_millisecond_and_keeps_the_rate()
    {
        var id = await CreateJobAsync("Account", "insert");
        await UploadAsync(id, "Name\n" + string.Concat(Enumerable.Range(0, 300).Select(i => $"A{i}\n")));
        await PatchStateAsync(id, "UploadComplete");
        var job = Host.Jobs.Find(id)!;
        using var limit = new CancellationTokenSource(WaitLimit);
        await job.WaitUntilAsync(j => j.WaitingForClock, limit.Token);

        foreach (var expected in new[] { 100, 200 })
        {
            clock.Fake.Advance(TimeSpan.FromMilliseconds(1));
            await job.WaitUntilAsync(j => j.WaitingForClock && j.IsRowDone(expected - 1) && !j.IsRowDone(expected), limit.Token);
        }

        clock.Fake.Advance(TimeSpan.FromMilliseconds(1));
        await job.WaitUntilAsync(j => j.Completion.IsCompleted, limit.Token);

        Assert.That(job.Processed, Is.EqualTo(300), "100 rows a millisecond, as the rate says");
        Assert.That(clock.Waits, Is.Not.Empty);
        Assert.That(clock.Waits, Is.All.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(1)), "no wait shorter than the system timers can sleep");
    }

    /// <summary>A fake clock that also notes every one-off wait asked of it.</summary>
    private sealed class RecordingClock(FakeTimeProvider fake) : TimeProvider
    {
        private readonly List<TimeSpan> waits = [];

        public FakeTimeProvider Fake => fake;

        public IReadOnlyList<TimeSpan> Waits
        {
            get
            {
                lock (waits)
                {
                    return [.. waits];
                }
            }
        }

        public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();

        public override long GetTimestamp() => fake.GetTimestamp();

        public override long TimestampFrequency => fake.TimestampFrequency;

        public override TimeZoneInfo LocalTimeZone => fake.LocalTimeZone;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (period == Timeout.InfiniteTimeSpan && dueTime != Timeout.InfiniteTimeSpan)
            {
                lock (waits)
                {
                    waits.Add(dueTime);
                }
            }

            return fake.CreateTimer(callback, state, dueTime, period);
        }
    }
}

using Microsoft.Extensions.Time.Testing;

namespace SalesforceEmulator.Tests.Hosting;

/// <summary>
/// A fake clock that also tells when someone starts waiting on it, so a test can check a request is held by a
/// latency fault (without sleeping) and then release it by advancing the clock.
/// </summary>
internal sealed class ObservedTime : TimeProvider
{
    private readonly TaskCompletionSource<TimeSpan> firstTimer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FakeTimeProvider Fake { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Completes with the due time of the first timer created on this clock.</summary>
    public Task<TimeSpan> FirstTimerCreated => firstTimer.Task;

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        firstTimer.TrySetResult(dueTime);
        return timer;
    }

    public void Advance(TimeSpan by) => Fake.Advance(by);
}

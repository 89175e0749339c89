using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using TargetSalesforce.Configuration;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading;
using TargetSalesforce.Tests.Support;

namespace TargetSalesforce.Tests.Loading;

public class ProgressReporterTests
{
    [Test]
    public void The_rate_is_of_records_committed_since_the_last_line_not_of_records_read()
    {
        var time = new FakeTimeProvider();
        using var logs = new CapturingLoggerFactory();
        var contacts = new StreamCounters("contacts", "Contact");
        using var progress = new ProgressReporter(logs.CreateLogger("test"), time, TimeSpan.FromSeconds(10), () => [contacts], () => 1);
        progress.Start();

        for (var i = 0; i < 5000; i++)
        {
            contacts.AddRead();
        }

        contacts.AddCommitted(1000);
        time.Advance(TimeSpan.FromSeconds(10));

        var line = logs.Messages(LogLevel.Information).Single(m => m.StartsWith("Progress:", StringComparison.Ordinal));
        Assert.That(line, Does.Contain("5000 records read, 1000 committed").And.Contain("1 job in flight").And.EndWith("100 records/s committed"));
    }

    [Test]
    public void A_35_second_run_with_the_default_interval_logs_more_than_one_progress_line()
    {
        var time = new FakeTimeProvider();
        using var logs = new CapturingLoggerFactory();
        var interval = TimeSpan.FromSeconds(new TargetSettings { Domain = "login", Action = LoadAction.Insert }.ProgressIntervalSeconds);
        using var progress = new ProgressReporter(logs.CreateLogger("test"), time, interval, () => [], () => 0);
        progress.Start();

        for (var second = 0; second < 35; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.That(logs.Messages(LogLevel.Information).Count(m => m.StartsWith("Progress:", StringComparison.Ordinal)), Is.GreaterThan(1));
    }
}

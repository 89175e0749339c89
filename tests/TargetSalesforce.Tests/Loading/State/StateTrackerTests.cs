using Newtonsoft.Json.Linq;
using TargetSalesforce.Loading;
using TargetSalesforce.Loading.State;
using TargetSalesforce.Tests.Support;

namespace TargetSalesforce.Tests.Loading.State;

public class StateTrackerTests
{
    [Test]
    public void A_state_waits_for_every_record_before_it_even_when_jobs_finish_out_of_order()
    {
        var output = new RecordingStateOutput();
        var tracker = new StateTracker(output);
        var first = tracker.RecordRead();
        tracker.StateRead(JToken.Parse("{\"s\":1}"));
        var second = tracker.RecordRead();
        tracker.StateRead(JToken.Parse("{\"s\":2}"));
        var third = tracker.RecordRead();
        tracker.StateRead(JToken.Parse("{\"s\":3}"));

        tracker.Settle(third, 1);
        Assert.That(output.States, Is.Empty, "the latest job finishing says nothing about the earlier ones");
        tracker.Settle(first, 1);
        Assert.That(output.States, Is.EqualTo(new[] { "{\"s\":1}" }));
        tracker.Settle(second, 1);
        Assert.That(output.States, Is.EqualTo(new[] { "{\"s\":1}", "{\"s\":3}" }), "states 2 and 3 coalesce into the later one");
    }

    [Test]
    public void Records_after_the_last_state_hold_nothing_back_and_unsettled_ones_hold_everything_after_them()
    {
        var output = new RecordingStateOutput();
        var tracker = new StateTracker(output);
        var stuck = tracker.RecordRead();
        tracker.StateRead(JToken.Parse("1"));
        tracker.RecordRead();
        tracker.StateRead(JToken.Parse("2"));

        Assert.That(output.States, Is.Empty);
        tracker.Settle(stuck, 1);
        Assert.That(output.States, Is.EqualTo(new[] { "1" }));
    }

    [Test]
    public void Never_emits_an_empty_state_or_the_same_state_twice_in_a_row()
    {
        var output = new RecordingStateOutput();
        var tracker = new StateTracker(output);

        foreach (var json in new[] { "{\"a\":1}", "{\"a\":1}", "{}", "[]", "\"\"", "null", "{\"a\":2}", "{\"a\":1}" })
        {
            tracker.StateRead(JToken.Parse(json));
        }

        Assert.That(output.States, Is.EqualTo(new[] { "{\"a\":1}", "{\"a\":2}", "{\"a\":1}" }));
    }
}

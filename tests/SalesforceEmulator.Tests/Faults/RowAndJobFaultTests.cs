using SalesforceEmulator.Faults;

namespace SalesforceEmulator.Tests.Faults;

/// <summary>The faults job processing asks for: locked rows and forced job failures.</summary>
public sealed class RowAndJobFaultTests
{
    [Test]
    public void LockedRowsFollowTheSeedAndShare()
    {
        var locked = LockedRows(seed: 7, share: 0.2, rows: 1000);

        Assert.That(locked, Has.Count.InRange(150, 250), "about a fifth of the rows");
        Assert.That(LockedRows(seed: 7, share: 0.2, rows: 1000), Is.EqualTo(locked), "same seed, same rows");
        Assert.That(LockedRows(seed: 8, share: 0.2, rows: 1000), Is.Not.EqualTo(locked), "another seed, other rows");
    }

    [Test]
    public void LockedRowsDoNotDependOnProcessingOrder()
    {
        var plan = Plan(seed: 3, """[{"kind": "lockRows", "share": 0.5}]""");
        var forward = Enumerable.Range(0, 200).Where(i => plan.ShouldLockRow("750000000000001AAA", i)).ToList();
        var backwardPlan = Plan(seed: 3, """[{"kind": "lockRows", "share": 0.5}]""");
        var backward = Enumerable.Range(0, 200).Reverse().Where(i => backwardPlan.ShouldLockRow("750000000000001AAA", i)).Order().ToList();

        Assert.That(backward, Is.EqualTo(forward));
    }

    [Test]
    public void LockedRowsDifferBetweenJobs()
    {
        var plan = Plan(seed: 3, """[{"kind": "lockRows", "share": 0.5}]""");

        var first = Enumerable.Range(0, 100).Where(i => plan.ShouldLockRow("750000000000001AAA", i)).ToList();
        var retry = Enumerable.Range(0, 100).Where(i => plan.ShouldLockRow("750000000000002AAA", i)).ToList();

        Assert.That(retry, Is.Not.EqualTo(first), "a retry job draws afresh, so locked rows can get through");
    }

    [Test]
    public void TimesCapsTheLockedRows()
    {
        var plan = Plan(seed: 1, """[{"kind": "lockRows", "times": 3}]""");

        var locked = Enumerable.Range(0, 10).Where(i => plan.ShouldLockRow("750000000000001AAA", i)).ToList();

        Assert.That(locked, Is.EqualTo(new[] { 0, 1, 2 }));
    }

    [Test]
    public void NoFaultsLockNothing()
    {
        var plan = Plan(seed: 1, "[]");

        Assert.That(Enumerable.Range(0, 100).Any(i => plan.ShouldLockRow("750000000000001AAA", i)), Is.False);
    }

    [Test]
    public void FailJobHitsOnlyItsObjectWithItsMessage()
    {
        var plan = Plan(seed: 1, """[{"kind": "failJob", "object": "Contact", "message": "InvalidBatch : emulated"}]""");

        Assert.That(plan.ForcedJobFailure("750000000000001AAA", "Account"), Is.Null);
        Assert.That(plan.ForcedJobFailure("750000000000002AAA", "contact"), Is.EqualTo("InvalidBatch : emulated"));
    }

    [Test]
    public void FailJobOnTheNthJobOnly()
    {
        var plan = Plan(seed: 1, """[{"kind": "failJob", "nth": 2}]""");

        var failures = Enumerable.Range(1, 4).Select(i => plan.ForcedJobFailure($"75000000000000{i}AAA", "Account")).ToList();

        Assert.That(failures[0], Is.Null);
        Assert.That(failures[1], Does.StartWith("InternalServerError : "));
        Assert.That(failures[2], Is.Null);
        Assert.That(failures[3], Is.Null);
    }

    [Test]
    public void ClearRemovesJobFaults()
    {
        var plan = Plan(seed: 1, """[{"kind": "failJob"}, {"kind": "lockRows"}]""");

        plan.Clear();

        Assert.That(plan.ForcedJobFailure("750000000000001AAA", "Account"), Is.Null);
        Assert.That(plan.ShouldLockRow("750000000000001AAA", 0), Is.False);
    }

    [Test]
    public void FaultsFileIsLoadedAtStart()
    {
        var path = Path.Combine(Path.GetTempPath(), $"faults-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"faults": [{"kind": "failJob"}]}""");
        try
        {
            var plan = new FaultPlan(new EmulatorOptions { FaultsFile = path });

            Assert.That(plan.ForcedJobFailure("750000000000001AAA", "Account"), Is.Not.Null);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static List<int> LockedRows(int seed, double share, int rows)
    {
        var plan = Plan(seed, $$"""[{"kind": "lockRows", "share": {{share.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}]""");
        return [.. Enumerable.Range(0, rows).Where(i => plan.ShouldLockRow("750000000000001AAA", i))];
    }

    private static FaultPlan Plan(int seed, string json)
    {
        var plan = new FaultPlan(new EmulatorOptions { Seed = seed });
        plan.Replace(FaultPlanReader.Read(json, "test"));
        return plan;
    }
}

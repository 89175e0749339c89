using SalesforceEmulator.Bulk.Rows;

namespace SalesforceEmulator.Tests.Bulk;

public sealed class RepeatedKeysTests
{
    [Test]
    public void Every_row_of_a_key_seen_twice_is_repeated_ignoring_case()
    {
        var keys = new RepeatedKeys();
        keys.Add(0, "A-1");
        keys.Add(1, "b-2");
        keys.Add(3, "a-1");
        keys.Add(4, "ÄÖ");
        keys.Add(5, "äö");
        keys.Add(6, "A-1");

        Assert.That(Enumerable.Range(0, 8).Where(keys.IsRepeated), Is.EqualTo(new[] { 0, 3, 4, 5, 6 }));
    }

    [Test]
    public void Many_distinct_keys_are_not_repeated_and_one_late_repeat_is_found()
    {
        var keys = new RepeatedKeys();
        for (var row = 0; row < 50_000; row++)
            keys.Add(row, $"external-{row:D6}-{new string('x', row % 40)}");
        keys.Add(50_000, $"EXTERNAL-{12_345:D6}-{new string('X', 12_345 % 40)}");

        Assert.That(Enumerable.Range(0, 50_001).Where(keys.IsRepeated), Is.EqualTo(new[] { 12_345, 50_000 }));
    }
}

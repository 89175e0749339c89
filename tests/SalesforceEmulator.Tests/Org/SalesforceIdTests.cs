using SalesforceEmulator.Org;

namespace SalesforceEmulator.Tests.Org;

public sealed class SalesforceIdTests
{
    [TestCase("001A0000006Vm9r", "001A0000006Vm9rIAC")]
    [TestCase("001a0000006vm9rIAC", "001A0000006Vm9rIAC")]
    [TestCase("001A0000006VM9RIAC", "001A0000006Vm9rIAC")]
    public void Ids_normalize_to_the_case_safe_18_character_form(string input, string expected)
    {
        Assert.That(SalesforceId.TryNormalize(input, out var id), Is.True);
        Assert.That(id, Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("001A0000006Vm9")]
    [TestCase("001A0000006Vm9r-AC")]
    [TestCase("001000000000000XYZ")]
    public void Malformed_ids_are_refused(string input)
    {
        Assert.That(SalesforceId.TryNormalize(input, out _), Is.False);
    }

    [Test]
    public void Created_ids_carry_the_prefix_and_are_distinct_and_valid()
    {
        var first = SalesforceId.Create("a01", 1);
        var second = SalesforceId.Create("a01", 2);

        Assert.That(first, Has.Length.EqualTo(18).And.StartWith("a01"));
        Assert.That(second, Is.Not.EqualTo(first));
        Assert.That(SalesforceId.TryNormalize(first.AsSpan(0, 15), out var again) && again == first, Is.True);
    }
}

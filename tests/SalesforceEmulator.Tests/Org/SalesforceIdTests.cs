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
    [TestCase(1L)]
    [TestCase(61L)]
    [TestCase(1_000_000_001L)]
    [TestCase(99_999_000_000_001L)]
    public void A_created_id_gives_back_its_sequence(long sequence)
    {
        var id = SalesforceId.Create("003", sequence);

        Assert.That(SalesforceId.TryReadSequence("003", id, out var read), Is.True);
        Assert.That(read, Is.EqualTo(sequence));
    }

    [Test]
    public void Only_the_exact_created_form_gives_a_sequence()
    {
        var id = SalesforceId.Create("003", 1_000_000_123);

        Assert.Multiple(() =>
        {
            Assert.That(SalesforceId.TryReadSequence("001", id, out _), Is.False, "another key prefix");
            Assert.That(SalesforceId.TryReadSequence("003", id.AsSpan(0, 15), out _), Is.False, "the 15-character form");
            Assert.That(SalesforceId.TryReadSequence("003", id.ToUpperInvariant(), out _), Is.False, "another letter case");
            Assert.That(SalesforceId.TryReadSequence("003", id[..15] + "ZZZ", out _), Is.False, "a wrong suffix");
            Assert.That(SalesforceId.TryReadSequence("003", "0031" + id[4..], out _), Is.False, "another pod");
            Assert.That(SalesforceId.TryReadSequence("003", id[..14] + "-" + id[15..], out _), Is.False, "not base 62");
        });
    }
}

using SalesforceEmulator.Org;

namespace SalesforceEmulator.Tests.Org;

public sealed class PackedValuesTests
{
    [Test]
    public void Values_come_back_as_stored_null_and_empty_kept_apart()
    {
        string?[] values = [null, "", "plain", "Zürich ✓ 東京", new string('x', 300), null, "#N/A", "line\nbreak, \"quoted\""];

        var packed = PackedValues.Pack(values);

        Assert.That(PackedValues.Unpack(packed, values.Length), Is.EqualTo(values));
        for (var i = 0; i < values.Length; i++)
            Assert.That(PackedValues.Get(packed, i), Is.EqualTo(values[i]), $"ordinal {i}");
    }

    [Test]
    public void A_value_longer_than_16383_bytes_takes_a_three_byte_length()
    {
        string?[] values = ["a", new string('é', 20_000), "z"];

        var packed = PackedValues.Pack(values);

        Assert.That(PackedValues.Get(packed, 1), Is.EqualTo(values[1]));
        Assert.That(PackedValues.Get(packed, 2), Is.EqualTo("z"));
        Assert.That(packed, Has.Length.EqualTo(2 + 3 + 40_000 + 2));
    }
    [Test]
    public void Ascii_and_other_text_pack_to_their_utf8_bytes_a_lone_surrogate_as_the_replacement_character()
    {
        string?[] values = ["ascii only", "\uD800x", "é"];

        var packed = PackedValues.Pack(values);

        byte[] expected = [11, .. "ascii only"u8, 5, 0xEF, 0xBF, 0xBD, (byte)'x', 3, 0xC3, 0xA9];
        Assert.That(packed, Is.EqualTo(expected));
        Assert.That(PackedValues.Get(packed, 1), Is.EqualTo("\uFFFDx"));
    }
}

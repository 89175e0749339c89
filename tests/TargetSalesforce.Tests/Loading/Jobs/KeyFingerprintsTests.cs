using TargetSalesforce.Loading;
using TargetSalesforce.Loading.Jobs;

namespace TargetSalesforce.Tests.Loading.Jobs;

public class KeyFingerprintsTests
{
    // Keys that the runtime's ignore-case comparison finds equal in pairs, and others it tells apart: ASCII, Latin
    // letters with accents, Greek with its final sigma, the long s, Turkish dotted and dotless i, the Kelvin sign,
    // a supplementary letter (Deseret) in both cases, and a key past the stack buffer.
    private static readonly string[] Keys =
    [
        "BENCH-0000000001", "bench-0000000001", "BENCH-0000000002", "Bench-0000000010",
        "Émilie", "émilie", "ÉMILIE", "Emilie",
        "ΣΊΣΥΦΟΣ", "σίσυφος", "σίσυφοσ",
        "ſ", "s", "S", "ı", "i", "I", "İ", "K", "k", "\u212A",
        "\U00010400", "\U00010428", "x\U00010400y",
        "", " ", "001A000000AbCdE", "001a000000abcde",
        new string('a', 300), new string('A', 300), new string('a', 299) + "b",
    ];

    [Test]
    public void Keys_equal_ignoring_case_share_a_fingerprint_and_other_keys_do_not()
    {
        foreach (var a in Keys)
        {
            foreach (var b in Keys)
            {
                var equal = string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
                Assert.That(KeyFingerprints.Of(a) == KeyFingerprints.Of(b), Is.EqualTo(equal), $"'{a}' and '{b}'");
            }
        }
    }

    [Test]
    public void Two_jobs_overlap_when_they_share_a_key_wherever_it_sits_in_either()
    {
        var first = KeyFingerprints.Of(Rows(Enumerable.Range(0, 1000).Select(i => $"x-{i}")));
        var shares = KeyFingerprints.Of(Rows(Enumerable.Range(0, 1000).Select(i => $"y-{i}").Append("X-500")));
        var sharesNone = KeyFingerprints.Of(Rows(Enumerable.Range(0, 1000).Select(i => $"y-{i}")));

        Assert.Multiple(() =>
        {
            Assert.That(first.Overlaps(shares), Is.True);
            Assert.That(shares.Overlaps(first), Is.True);
            Assert.That(first.Overlaps(sharesNone), Is.False);
            Assert.That(first.Overlaps(first), Is.True);
            Assert.That(first.Overlaps(KeyFingerprints.None), Is.False);
            Assert.That(KeyFingerprints.None.Overlaps(first), Is.False);
        });
    }

    [Test]
    public void Rows_without_a_key_have_no_fingerprint()
    {
        var keyless = KeyFingerprints.Of([Row(null), Row(null)]);
        var mixed = KeyFingerprints.Of([Row(null), Row("k1"), Row(null)]);

        Assert.Multiple(() =>
        {
            Assert.That(keyless.Count, Is.Zero);
            Assert.That(mixed.Count, Is.EqualTo(1));
            Assert.That(mixed.Overlaps(KeyFingerprints.Of([Row("K1")])), Is.True);
        });
    }

    private static BufferedRow[] Rows(IEnumerable<string> keys) => keys.Select(Row).ToArray();

    private static BufferedRow Row(string? key) => new(ReadOnlyMemory<byte>.Empty, key, 1, 0, null);
}

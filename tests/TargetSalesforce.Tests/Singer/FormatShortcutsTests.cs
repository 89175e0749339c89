using Newtonsoft.Json.Linq;
using NJsonSchema.Validation;
using TargetSalesforce.Singer.Validation;

namespace TargetSalesforce.Tests.Singer;

/// <summary>A shortcut's yes must be NJsonSchema's yes; and it must say yes to what taps write, or it saves nothing.</summary>
public class FormatShortcutsTests
{
    private static readonly string[] Seeds =
    [
        "2024-01-31", "2024-02-29", "2023-02-29", "0000-01-01", "0001-01-01", "9999-12-31", "2024-13-01", "2024-00-10", "2024-04-31",
        "2024-01-31T10:00:00Z", "2024-01-31T10:00:00.123Z", "2024-01-31 10:00:00+02:00", "2024-01-31t10:00:00z",
        "2024-01-31_10:00:00-05:30", "2024-01-31T25:61:61Z", "2024-01-31T10:00:00.Z", "2024-01-31T10:00:00", "2024-01-31T10:00Z",
        "2024-01-31T10:00:00+0200", "2024-01-31T10:00:00.1234567890+14:00", "２０２４-01-31", "2024-01-31T10:00:00Z\n",
    ];

    [TestCase("date")]
    [TestCase("date-time")]
    public void Says_yes_only_where_NJsonSchema_does(string format)
    {
        var validators = new JsonSchemaValidatorSettings().FormatValidators.Where(v => v.Format == format).ToArray();
        var random = new Random(format.Length);
        var yes = 0;
        foreach (var value in Seeds.Concat(Seeds.SelectMany(s => Mutants(s, random))))
        {
            if (!FormatShortcuts.CertainlyValid(format, value))
            {
                continue;
            }

            yes++;
            Assert.That(validators.Any(v => v.IsValid(value, JTokenType.String)), Is.True, $"the shortcut accepts '{value}' as {format}; NJsonSchema does not");
        }

        Assert.That(yes, Is.GreaterThan(20), "the shortcut answers for the usual shapes");
    }

    [TestCase("date", "2024-01-31")]
    [TestCase("date-time", "2024-01-31T10:00:00.000Z")]
    [TestCase("date-time", "2024-01-31 10:00:00+02:00")]
    public void Takes_the_shapes_taps_write(string format, string value) =>
        Assert.That(FormatShortcuts.CertainlyValid(format, value), Is.True);

    [TestCase("email", "a@b.co")]
    [TestCase("uuid", "00000000-0000-0000-0000-000000000000")]
    public void Leaves_other_formats_to_NJsonSchema(string format, string value) =>
        Assert.That(FormatShortcuts.CertainlyValid(format, value), Is.False);

    /// <summary>Each seed with one character changed, dropped or doubled, many times over.</summary>
    private static IEnumerable<string> Mutants(string seed, Random random)
    {
        const string Alphabet = "0123456789-:T tZz+._/9١";
        for (var i = 0; i < 300; i++)
        {
            var at = random.Next(seed.Length);
            yield return random.Next(3) switch
            {
                0 => seed[..at] + Alphabet[random.Next(Alphabet.Length)] + seed[(at + 1)..],
                1 => seed.Remove(at, 1),
                _ => seed.Insert(at, seed[at].ToString()),
            };
        }
    }
}

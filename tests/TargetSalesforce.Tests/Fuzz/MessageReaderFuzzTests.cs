using System.Diagnostics.CodeAnalysis;
using System.Text;
using TargetSalesforce.Singer;
using TargetSalesforce.Tests.Support;

namespace TargetSalesforce.Tests.Fuzz;

/// <summary>
/// Damaged lines never crash the reader: each is read as a message, skipped, or refused with a
/// <see cref="SingerInputException"/> naming its own line; the lines before it are all delivered.
/// </summary>
public class MessageReaderFuzzTests
{
    private const int Cases = 1_500;

    [TestCase(20260101, false)]
    [TestCase(7, true)]
    [SuppressMessage("Design", "CA1031", Justification = "Any exception fails the test, naming the case that caused it.")]
    public async Task A_damaged_line_is_read_or_refused_by_its_line_number(int seed, bool lenient)
    {
        var lines = new LineMutator(seed);
        using var logs = new CapturingLoggerFactory();
        var refused = 0;
        for (var i = 0; i < Cases; i++)
        {
            // Two good lines, the damaged one (line 3), a good one after it.
            var before = lines.ValidLine() + "\n\n";
            var damaged = lines.MutatedLine();
            var after = "\n" + lines.ValidLine() + "\n";
            var input = Encoding.UTF8.GetBytes(before).Concat(damaged).Concat(Encoding.UTF8.GetBytes(after)).ToArray();

            var reader = new MessageReader(logs.CreateLogger("fuzz"), lenient);
            var delivered = new List<SingerMessage>();
            try
            {
                await foreach (var message in reader.ReadAsync(new MemoryStream(input)))
                {
                    delivered.Add(message);
                }
            }
            catch (SingerInputException exception)
            {
                refused++;
                var shown = Encoding.UTF8.GetString(damaged);
                Assert.That(exception.Line, Is.EqualTo(3), $"case {i}: {shown}");
                Assert.That(exception.Message, Does.StartWith("line 3: "), $"case {i}");
                Assert.That(exception.Message, Has.Length.LessThan(600), $"case {i}: an error quotes an excerpt, never the whole line");
                Assert.That(delivered, Has.Count.EqualTo(1), $"case {i}: the good line before the bad one was delivered");
                continue;
            }
            catch (Exception exception)
            {
                Assert.Fail($"case {i}: {exception.GetType().Name} ({exception.Message}) on {Encoding.UTF8.GetString(damaged)}");
            }

            Assert.That(delivered, Has.Count.InRange(1, 3), $"case {i}");
            Assert.That(delivered[0].Line, Is.EqualTo(1));
            Assert.That(delivered[^1].Line, Is.EqualTo(4), $"case {i}: the line after an accepted one is read too");
        }

        Assert.That(refused, Is.GreaterThan(Cases / 4), "the mutations mostly break lines; a reader that accepts everything is not reading");
    }

    [Test]
    public async Task A_fifty_megabyte_line_is_read_whole()
    {
        var name = new string('x', 50 * 1024 * 1024);
        var line = $"{{\"type\":\"RECORD\",\"stream\":\"s\",\"record\":{{\"id\":1,\"name\":\"{name}\"}}}}\n";
        using var logs = new CapturingLoggerFactory();
        var reader = new MessageReader(logs.CreateLogger("fuzz"), lenient: false);

        var messages = new List<SingerMessage>();
        await foreach (var message in reader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(line))))
        {
            messages.Add(message);
        }

        Assert.That(messages, Has.Count.EqualTo(1));
        Assert.That(((RecordMessage)messages[0]).Record["name"]!.ToString(), Has.Length.EqualTo(name.Length));
    }

    [TestCase("{\"type\":\"RECORD\",\"stream\":\"s\",\"record\":{\"id\":1,\"id\":2}}", "already exists", TestName = "Duplicate keys in a record")]
    [TestCase("{\"type\":\"RECORD\",\"stream\":\"s\",\"record\":{\"n\":1e400}}", "number", TestName = "A number beyond double range")]
    [TestCase("{\"type\":\"RECORD\",\"stream\":\"s\",\"record\":{\"n\":NaN}}", "", TestName = "A bare NaN")]
    [TestCase("{\"type\":\"RECORD\",\"stream\":\"s\",\"record\":{\"n\":1}", "", TestName = "A truncated line")]
    public void A_bad_value_is_refused_naming_the_line(string line, string reasonWords)
    {
        using var logs = new CapturingLoggerFactory();
        var reader = new MessageReader(logs.CreateLogger("fuzz"), lenient: false);

        var exception = Assert.Throws<SingerInputException>(() => reader.Parse(line, 12));

        Assert.That(exception!.Line, Is.EqualTo(12));
        Assert.That(exception.Message, Does.StartWith("line 12: "));
        Assert.That(exception.Message, Does.Contain(reasonWords).IgnoreCase);
    }

    [Test]
    public void Values_json_can_carry_exactly_are_kept_exactly()
    {
        using var logs = new CapturingLoggerFactory();
        var reader = new MessageReader(logs.CreateLogger("fuzz"), lenient: false);

        // An integer beyond decimal's range is still exact (a big integer); a raw control character is kept as it is.
        var big = (RecordMessage)reader.Parse("{\"type\":\"RECORD\",\"stream\":\"s\",\"record\":{\"n\":792281625142643375935439503361}}", 1)!;
        var control = (RecordMessage)reader.Parse("{\"type\":\"RECORD\",\"stream\":\"s\",\"record\":{\"n\":\"a\u0001b\u0007\"}}", 2)!;
        var nanText = (RecordMessage)reader.Parse("{\"type\":\"RECORD\",\"stream\":\"s\",\"record\":{\"n\":\"NaN\"}}", 3)!;

        Assert.That(big.Record["n"]!.ToString(), Is.EqualTo("792281625142643375935439503361"));
        Assert.That(control.Record["n"]!.ToString(), Is.EqualTo("a\u0001b\u0007"));
        Assert.That(nanText.Record["n"]!.ToString(), Is.EqualTo("NaN"), "a NaN-like string is a string, never a number");
    }

    [Test]
    public void Nesting_ten_thousand_deep_is_refused_not_a_stack_overflow()
    {
        var line = "{\"type\":\"RECORD\",\"stream\":\"s\",\"record\":{\"n\":" + new string('[', 10_000) + new string(']', 10_000) + "}}";
        using var logs = new CapturingLoggerFactory();
        var reader = new MessageReader(logs.CreateLogger("fuzz"), lenient: false);

        var exception = Assert.Throws<SingerInputException>(() => reader.Parse(line, 5));

        Assert.That(exception!.Message, Does.StartWith("line 5: "));
        Assert.That(exception.Message, Does.Contain("depth").IgnoreCase);
    }
}

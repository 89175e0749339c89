using System.Text;
using TargetSalesforce.Singer;

namespace TargetSalesforce.Tests.Singer;

/// <summary>The byte line reader splits input exactly where StreamReader.ReadLine did, however the input arrives.</summary>
public class Utf8LineReaderTests
{
    [TestCase("a\nb\n")]
    [TestCase("a\r\nb\r\n")]
    [TestCase("a\rb\r")]
    [TestCase("a\r\rb\n\nc")]
    [TestCase("\n\n")]
    [TestCase("")]
    [TestCase("no end")]
    [TestCase("\r\n")]
    [TestCase("\uFEFF{\"x\":1}\n{\"y\":2}")]
    [TestCase("é😀\r\n\uFEFFnext")]
    public async Task Splits_like_StreamReader(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        foreach (var chunk in new[] { 1, 2, 3, 7, 1 << 20 })
        {
            Assert.That(await ReadAsync(bytes, chunk), Is.EqualTo(StreamReaderLines(bytes)), $"chunks of {chunk}");
        }
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task Random_line_ends_and_long_lines_split_like_StreamReader(int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        for (var i = 0; i < 400; i++)
        {
            text.Append(new string((char)('a' + random.Next(26)), random.Next(i % 50 == 0 ? 200_000 : 40)));
            text.Append(random.Next(5) switch { 0 => "\r", 1 => "\r\n", 2 => "é", _ => "\n" });
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        foreach (var chunk in new[] { 1 + random.Next(5), 4096 + random.Next(100), 1 << 20 })
        {
            Assert.That(await ReadAsync(bytes, chunk), Is.EqualTo(StreamReaderLines(bytes)), $"chunks of {chunk}");
        }
    }

    [Test]
    public async Task Input_with_a_utf16_or_utf32_mark_is_read_as_its_text()
    {
        const string text = "{\"type\":\"STATE\",\"value\":\"é😀\"}\r\n{\"b\":1}\n";
        foreach (var encoding in new Encoding[] { Encoding.Unicode, Encoding.BigEndianUnicode, Encoding.UTF32, new UTF32Encoding(true, true) })
        {
            var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(text)).ToArray();
            foreach (var chunk in new[] { 1, 3, 1 << 20 })
            {
                Assert.That(await ReadAsync(bytes, chunk), Is.EqualTo(new[] { "{\"type\":\"STATE\",\"value\":\"é😀\"}", "{\"b\":1}" }), $"{encoding.WebName}, chunks of {chunk}");
            }
        }
    }

    [Test]
    public async Task The_buffer_a_long_line_grew_is_given_back_after_it()
    {
        var text = new string('x', 4 << 20) + "\n" + string.Concat(Enumerable.Repeat("short line\n", 50_000));
        using var reader = new Utf8LineReader(new ChunkedStream(Encoding.UTF8.GetBytes(text), 1 << 20));
        Assert.That(await reader.ReadLineAsync(CancellationToken.None), Is.True);
        Assert.That(reader.Line.Length, Is.EqualTo(4 << 20));
        var grown = reader.BufferSize;

        var lines = 0;
        while (await reader.ReadLineAsync(CancellationToken.None))
        {
            lines++;
        }

        Assert.That(lines, Is.EqualTo(50_000));
        Assert.That(grown, Is.GreaterThan(4 << 20));
        Assert.That(reader.BufferSize, Is.LessThan(1 << 20), "back to its usual size");
    }

    private static async Task<List<string>> ReadAsync(byte[] bytes, int chunk)
    {
        using var reader = new Utf8LineReader(new ChunkedStream(bytes, chunk));
        var lines = new List<string>();
        while (await reader.ReadLineAsync(CancellationToken.None))
        {
            lines.Add(Encoding.UTF8.GetString(reader.Line.Span));
        }

        return lines;
    }

    private static List<string> StreamReaderLines(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Hands its bytes out at most <paramref name="chunk"/> at a time, as a pipe may.</summary>
    private sealed class ChunkedStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}

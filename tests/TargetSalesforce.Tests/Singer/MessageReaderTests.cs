using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Singer;
using TargetSalesforce.Tests.Support;

namespace TargetSalesforce.Tests.Singer;

public class MessageReaderTests
{
    private CapturingLoggerFactory logs = null!;

    [SetUp]
    public void SetUp() => logs = new CapturingLoggerFactory();

    [TearDown]
    public void TearDown() => logs.Dispose();

    private async Task<List<SingerMessage>> ReadAsync(string text, bool lenient = false) =>
        await ReadAsync(Encoding.UTF8.GetBytes(text), lenient);

    private async Task<List<SingerMessage>> ReadAsync(byte[] bytes, bool lenient = false)
    {
        var reader = new MessageReader(logs.CreateLogger("test"), lenient);
        var messages = new List<SingerMessage>();
        await foreach (var message in reader.ReadAsync(new MemoryStream(bytes)))
        {
            messages.Add(message);
        }

        return messages;
    }

    [Test]
    public async Task Reads_every_message_type_with_its_line_number()
    {
        var messages = await ReadAsync(
            """
            {"type": "SCHEMA", "stream": "s", "key_properties": ["id"], "schema": {"properties": {"id": {"type": "integer"}}}}

            {"type": "RECORD", "stream": "s", "record": {"id": 1}}
            {"type": "STATE", "value": {"s": 1}}
            {"type": "ACTIVATE_VERSION", "stream": "s", "version": 7}
            """);

        Assert.That(messages, Has.Count.EqualTo(4));
        var schema = (SchemaMessage)messages[0];
        Assert.Multiple(() =>
        {
            Assert.That(schema.Line, Is.EqualTo(1));
            Assert.That(schema.KeyProperties, Is.EqualTo(new[] { "id" }));
            Assert.That(messages[1], Is.TypeOf<RecordMessage>().With.Property("Line").EqualTo(3L));
            Assert.That(((StateMessage)messages[2]).Value["s"]!.Value<int>(), Is.EqualTo(1));
            Assert.That(((ActivateVersionMessage)messages[3]).Version, Is.EqualTo(7));
        });
    }

    [Test]
    public async Task A_records_property_names_are_the_schemas_own_strings_so_lookups_by_name_match_by_reference()
    {
        var messages = await ReadAsync(
            """
            {"type":"SCHEMA","stream":"contacts","schema":{"properties":{"External_Id__c":{"type":"string"},"LastName":{"type":"string"}}},"key_properties":["External_Id__c"]}
            {"type":"RECORD","stream":"contacts","record":{"External_Id__c":"c-1","LastName":"Ng"}}
            {"type":"RECORD","stream":"contacts","record":{"LastName":"Ito","External_Id__c":"c-2"}}

            """);

        var schemaNames = ((JObject)((SchemaMessage)messages[0]).Schema["properties"]!).Properties().Select(p => p.Name).ToList();
        var records = messages.OfType<RecordMessage>().Select(m => m.Record).ToList();

        Assert.That(records, Has.Count.EqualTo(2));
        foreach (var record in records)
        {
            for (var i = 0; i < record.Count; i++)
            {
                Assert.That(schemaNames.Any(name => ReferenceEquals(name, record.NameAt(i))), Is.True, record.NameAt(i));
            }
        }
    }

    [Test]
    public async Task Matches_the_type_ignoring_case_and_tolerates_a_bom_and_crlf()
    {
        var bytes = Encoding.UTF8.GetPreamble()
            .Concat(Encoding.UTF8.GetBytes("{\"type\": \"record\", \"stream\": \"s\", \"record\": {\"a\": 1}}\r\n{\"type\": \"State\", \"value\": 1}\r\n"))
            .ToArray();

        var messages = await ReadAsync(bytes);

        Assert.That(messages.Select(m => m.GetType()), Is.EqualTo(new[] { typeof(RecordMessage), typeof(StateMessage) }));
    }

    [Test]
    public void Invalid_json_fails_naming_the_line_with_a_short_excerpt()
    {
        var longLine = "{\"type\": \"RECORD\", \"stream\": \"s\", \"record\": {\"name\": \"" + new string('x', 300) + "\"";
        var exception = Assert.ThrowsAsync<SingerInputException>(() => ReadAsync("{\"type\": \"STATE\", \"value\": 1}\n\n" + longLine + "\n"));

        Assert.That(exception!.Line, Is.EqualTo(3));
        Assert.That(exception.Message, Does.StartWith("line 3: not valid JSON"));
        Assert.That(exception.Message, Does.Contain("{\"type\": \"RECORD\""));
        Assert.That(exception.Message, Does.Not.Contain(new string('x', 81)));
    }

    [TestCase("{\"type\": \"RECORD\"")]
    [TestCase("not json")]
    [TestCase("{\"type\": \"STATE\", \"value\": 1} trailing")]
    [TestCase("[1, 2]")]
    [TestCase("{\"type\": \"RECORD\", \"stream\": \"s\", \"record\": {\"a\": 1, \"a\": 2}}")]
    public void Malformed_lines_fail_naming_the_line(string line)
    {
        var exception = Assert.ThrowsAsync<SingerInputException>(() => ReadAsync(line + "\n"));

        Assert.That(exception!.Message, Does.StartWith("line 1: not valid JSON"));
    }

    [Test]
    public async Task Numbers_keep_their_exact_decimal_value()
    {
        var messages = await ReadAsync("{\"type\": \"RECORD\", \"stream\": \"s\", \"record\": {\"a\": 0.1, \"b\": 12345678901234567890.123456789, \"c\": 123456789012345678901234567890}}\n");

        var record = ((RecordMessage)messages[0]).Record;
        Assert.Multiple(() =>
        {
            Assert.That(record["a"]!.Value<decimal>(), Is.EqualTo(0.1m));
            Assert.That(record["b"]!.ToString(), Is.EqualTo("12345678901234567890.123456789"));
            Assert.That(record["c"]!.ToString(), Is.EqualTo("123456789012345678901234567890"));
        });
    }

    [Test]
    public void A_number_beyond_decimal_range_fails_naming_the_line()
    {
        var exception = Assert.ThrowsAsync<SingerInputException>(() =>
            ReadAsync("{\"type\": \"STATE\", \"value\": 1}\n{\"type\": \"RECORD\", \"stream\": \"s\", \"record\": {\"a\": 1e400}}\n"));

        Assert.That(exception!.Message, Does.StartWith("line 2:").And.Contain("beyond the range"));
    }

    [Test]
    public void Invalid_utf8_fails_naming_the_line()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"type\": \"STATE\", \"value\": 1}\n{\"type\": \"STATE\", \"value\": \"")
            .Concat(new byte[] { 0xC3, 0x28 })
            .Concat(Encoding.UTF8.GetBytes("\"}\n"))
            .ToArray();

        var exception = Assert.ThrowsAsync<SingerInputException>(() => ReadAsync(bytes));

        Assert.That(exception!.Message, Does.StartWith("line 2:").And.Contain("UTF-8"));
    }

    [Test]
    public async Task Dates_stay_strings()
    {
        var messages = await ReadAsync("{\"type\": \"RECORD\", \"stream\": \"s\", \"record\": {\"d\": \"2024-01-02T03:04:05.123456Z\"}}\n");

        var value = ((RecordMessage)messages[0]).Record["d"]!;
        Assert.That(value.Type, Is.EqualTo(JTokenType.String));
        Assert.That((string?)value, Is.EqualTo("2024-01-02T03:04:05.123456Z"));
    }

    [Test]
    public async Task An_unknown_type_is_skipped_with_one_warning_per_type()
    {
        var messages = await ReadAsync(
            """
            {"type": "SAMPLE_DATA", "x": 1}
            {"type": "SAMPLE_DATA", "x": 2}
            {"type": "LOG", "message": "hi"}
            {"type": "STATE", "value": 1}
            """);

        Assert.That(messages, Has.Count.EqualTo(1));
        var warnings = logs.Messages(LogLevel.Warning).ToList();
        Assert.That(warnings, Has.Count.EqualTo(2));
        Assert.That(warnings, Has.One.Contains("SAMPLE_DATA"));
        Assert.That(warnings, Has.One.Contains("LOG"));
    }

    [Test]
    public void A_message_without_type_fails_in_singer_mode()
    {
        var exception = Assert.ThrowsAsync<SingerInputException>(() => ReadAsync("{\"stream\": \"s\"}\n"));

        Assert.That(exception!.Message, Does.StartWith("line 1:").And.Contain("'type'"));
    }

    [Test]
    public async Task Lenient_mode_skips_noise_and_relogs_tap_log_lines()
    {
        var messages = await ReadAsync(
            """
            INFO starting the tap
            {"type": "LOG", "level": "INFO", "message": "mage log"}
            {"level": "ERROR", "message": "tap said something bad"}
            {broken json
            {"type": "STATE", "value": {"a": 1}}
            """,
            lenient: true);

        Assert.That(messages, Has.Count.EqualTo(1).And.All.TypeOf<StateMessage>());
        Assert.That(logs.Messages(LogLevel.Warning), Has.One.Contains("tap said something bad"));
        Assert.That(logs.AtOrAbove(LogLevel.Error), Is.Empty, "a tap's error must not become an ERROR line, which fails a Mage block");
    }

    [Test]
    public void Record_and_schema_need_their_fields()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => ReadAsync("{\"type\": \"RECORD\", \"record\": {}}\n"),
                Throws.TypeOf<SingerInputException>().With.Message.Contains("'stream'"));
            Assert.That(() => ReadAsync("{\"type\": \"RECORD\", \"stream\": \"s\", \"record\": [1]}\n"),
                Throws.TypeOf<SingerInputException>().With.Message.Contains("'record'"));
            Assert.That(() => ReadAsync("{\"type\": \"SCHEMA\", \"stream\": \"s\"}\n"),
                Throws.TypeOf<SingerInputException>().With.Message.Contains("'schema'"));
            Assert.That(() => ReadAsync("{\"type\": \"SCHEMA\", \"stream\": \"s\", \"schema\": {}, \"key_properties\": \"id\"}\n"),
                Throws.TypeOf<SingerInputException>().With.Message.Contains("key_properties"));
        });
    }

    [Test]
    public async Task A_batch_names_local_files_read_plain_or_gzipped()
    {
        var directory = Directory.CreateTempSubdirectory("batch");
        try
        {
            var plain = Path.Combine(directory.FullName, "a.jsonl");
            await File.WriteAllTextAsync(plain, "{\"id\": 1}\n\n{\"id\": 2}\n");
            var zipped = Path.Combine(directory.FullName, "b.jsonl.gz");
            await using (var gzip = new GZipStream(File.Create(zipped), CompressionLevel.Fastest))
            {
                await gzip.WriteAsync(Encoding.UTF8.GetBytes("{\"id\": 3}\n"));
            }

            var messages = await ReadAsync(
                $"{{\"type\": \"BATCH\", \"stream\": \"s\", \"encoding\": {{\"format\": \"jsonl\", \"compression\": \"none\"}}, \"manifest\": [\"{new Uri(plain)}\"]}}\n" +
                $"{{\"type\": \"BATCH\", \"stream\": \"s\", \"encoding\": {{\"format\": \"jsonl\", \"compression\": \"gzip\"}}, \"manifest\": [\"{new Uri(zipped)}\"]}}\n");

            // Each BATCH message comes with its files' records right after it, as records of its line.
            Assert.That(messages.Select(m => m.GetType().Name), Is.EqualTo(new[] { "BatchMessage", "RecordMessage", "RecordMessage", "BatchMessage", "RecordMessage" }));
            var records = messages.OfType<RecordMessage>().ToList();
            Assert.That(records.Select(r => r.Record["id"]!.Value<int>()), Is.EqualTo(new[] { 1, 2, 3 }));
            Assert.That(records.Select(r => r.Line), Is.EqualTo(new[] { 1L, 1L, 2L }));
            Assert.That(records.Select(r => r.Stream), Is.All.EqualTo("s"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [TestCase("{\"format\": \"parquet\"}", "[\"file:///tmp/x\"]", "only 'jsonl'")]
    [TestCase("{\"format\": \"jsonl\", \"compression\": \"zstd\"}", "[\"file:///tmp/x\"]", "compression")]
    [TestCase("{\"format\": \"jsonl\"}", "[\"s3://bucket/x.jsonl\"]", "file://")]
    public void A_batch_outside_what_is_supported_fails_clearly(string encoding, string manifest, string expected)
    {
        var line = $"{{\"type\": \"BATCH\", \"stream\": \"s\", \"encoding\": {encoding}, \"manifest\": {manifest}}}\n";

        Assert.That(() => ReadAsync(line), Throws.TypeOf<SingerInputException>().With.Message.Contains(expected).And.Message.StartsWith("line 1:"));
    }

    [Test]
    public void A_missing_batch_file_fails_naming_it()
    {
        var batch = new BatchMessage(4, "s", BatchCompression.None, [new Uri("file:///nonexistent/dir/x.jsonl")]);

        Assert.That(async () => await BatchFileReader.ReadRecordsAsync(batch).ToListAsync(),
            Throws.TypeOf<SingerInputException>().With.Message.Contains("x.jsonl").And.Message.StartsWith("line 4:"));
    }
}

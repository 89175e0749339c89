using System.IO.Compression;
using System.Text;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Loading;
using TargetSalesforce.Singer;
using TargetSalesforce.Tests.Fuzz;
using TargetSalesforce.Tests.Support;

namespace TargetSalesforce.Tests.Singer;

/// <summary>BATCH files are read on the fast path where it is sure, and read exactly as before everywhere else.</summary>
public class BatchFileReaderTests
{
    private DirectoryInfo directory = null!;

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("batch");

    [TearDown]
    public void DeleteDirectory() => directory.Delete(recursive: true);

    [Test]
    public async Task Every_line_reads_as_the_general_path_reads_it()
    {
        var mutator = new LineMutator(5);
        var lines = new List<byte[]>
        {
            "{\"id\": 1, \"name\": \"plain\"}"u8.ToArray(),
            "{\"id\": 2, \"amount\": 1.50, \"nested\": {\"a\": [1, 2]}, \"flag\": true, \"none\": null}"u8.ToArray(),
            "{\"id\": 3, \"big\": 123456789012345678901234567890, \"exp\": 1e5}"u8.ToArray(),
            "  {\"id\": 4}"u8.ToArray(),
            "{\"id\": 5, \"bad\": \"\xC3\x28\"}"u8.ToArray(),
        };
        for (var i = 0; i < 300; i++)
        {
            var record = new JObject { ["id"] = 100 + i, ["name"] = mutator.RandomText(10), ["amount"] = mutator.Random.Next(100000) / 100m, ["on"] = i % 2 == 0 };
            lines.Add(Encoding.UTF8.GetBytes(record.ToString(Newtonsoft.Json.Formatting.None)));
        }

        var path = Path.Combine(directory.FullName, "records.jsonl");
        await File.WriteAllBytesAsync(path, lines.SelectMany(l => l.Append((byte)'\n')).ToArray());

        var read = await BatchFileReader.ReadRecordsAsync(Batch(path, BatchCompression.None)).ToListAsync();

        Assert.That(read, Has.Count.EqualTo(lines.Count));
        for (var i = 0; i < lines.Count; i++)
        {
            var expected = JsonLine.ParseRecord(Encoding.UTF8.GetString(lines[i]));
            var actual = read[i].Record;
            Assert.That(actual.ToJson(), Is.EqualTo(expected.ToJson()), $"line {i + 1}");
            for (var p = 0; p < actual.Count; p++)
            {
                Assert.That((actual.ValueAt(p) as JValue)?.Value?.GetType(), Is.EqualTo((expected.ValueAt(p) as JValue)?.Value?.GetType()), $"line {i + 1}, {actual.NameAt(p)}");
            }
        }
    }

    [Test]
    public async Task A_bad_line_names_its_file_and_line_after_the_records_before_it()
    {
        var path = Path.Combine(directory.FullName, "bad.jsonl.gz");
        await using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            await gzip.WriteAsync("{\"id\": 1}\n\n{\"id\": 2\n{\"id\": 3}\n"u8.ToArray());
        }

        var read = new List<RecordMessage>();
        var failure = Assert.ThrowsAsync<SingerInputException>(async () =>
        {
            await foreach (var record in BatchFileReader.ReadRecordsAsync(Batch(path, BatchCompression.Gzip)))
            {
                read.Add(record);
            }
        });

        Assert.That(failure!.Message, Does.StartWith("line 9: batch file").And.Contains("bad.jsonl.gz' line 3 is not a JSON object"));
        Assert.That(read.Select(r => r.Record["id"]!.Value<int>()), Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public async Task A_file_that_is_not_gzip_fails_naming_it()
    {
        var path = Path.Combine(directory.FullName, "plain.jsonl");
        await File.WriteAllTextAsync(path, "{\"id\": 1}\n");

        Assert.That(async () => await BatchFileReader.ReadRecordsAsync(Batch(path, BatchCompression.Gzip)).ToListAsync(),
            Throws.TypeOf<SingerInputException>().With.Message.Contains("plain.jsonl' is not valid gzip data"));
    }

    [Test]
    public async Task A_batch_loads_through_the_pipeline_with_its_state_after_it()
    {
        var path = Path.Combine(directory.FullName, "contacts.jsonl");
        await File.WriteAllLinesAsync(path, Enumerable.Range(1, 250).Select(i => $"{{\"Id\": \"{i}\", \"Name\": \"n{i}\"}}"));
        var run = new PipelineRun(PipelineRun.Config());

        var result = await run.RunAsync(
            Lines.Schema("contacts", ["Id"], ("Id", "string"), ("Name", "string")),
            $"{{\"type\": \"BATCH\", \"stream\": \"contacts\", \"encoding\": {{\"format\": \"jsonl\"}}, \"manifest\": [\"{new Uri(path)}\"]}}",
            Lines.State(new { bookmark = 250 }),
            Lines.Record("contacts", new { Id = "251", Name = "after" }));

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Completed));
        Assert.That(run.Loader.Org.InsertedInto("contacts").Select(r => (string?)r["Id"]), Is.EqualTo(Enumerable.Range(1, 251).Select(i => $"{i}")));
        Assert.That(run.States.States, Is.EqualTo(new[] { "{\"bookmark\":250}" }));
        Assert.That(result.Summary.RecordsRead, Is.EqualTo(251));
    }

    private static BatchMessage Batch(string path, BatchCompression compression) => new(9, "s", compression, [new Uri(path)]);
}

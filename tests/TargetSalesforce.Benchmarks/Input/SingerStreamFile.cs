using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TargetSalesforce.Benchmarks.Input;

/// <summary>A generated Singer stream on disk: where it is, how big, and whether this run wrote it.</summary>
public sealed record SingerStreamFile(string Path, long Records, long Lines, long Bytes, bool Reused, TimeSpan GenerationTime)
{
    /// <summary>Bump when the bytes of a stream change, so stale cached files are never reused.</summary>
    public const int FormatVersion = 1;

    /// <summary>A STATE goes out after every this many records, as a tap bookmarks a page.</summary>
    public const int StateEvery = 10_000;

    /// <summary>SCHEMA, the records, a STATE every <see cref="StateEvery"/>, and the final STATE.</summary>
    public static long ExpectedLines(long records) => 1 + records + (records / StateEvery) + 1;

    /// <summary>The file for <paramref name="records"/> records in <paramref name="directory"/>, written unless already there.</summary>
    public static SingerStreamFile GetOrCreate(string directory, long records)
    {
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"contacts-v{FormatVersion}-{records}.singer.jsonl"));
        if (File.Exists(path))
        {
            return new SingerStreamFile(path, records, ExpectedLines(records), new FileInfo(path).Length, Reused: true, TimeSpan.Zero);
        }

        // Written aside and renamed, so an interrupted run never leaves a truncated file to be reused.
        var partial = string.Create(CultureInfo.InvariantCulture, $"{path}.partial-{Environment.ProcessId}");
        var clock = Stopwatch.StartNew();
        try
        {
            Write(partial, records);
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }

        return new SingerStreamFile(path, records, ExpectedLines(records), new FileInfo(path).Length, Reused: false, clock.Elapsed);
    }

    /// <summary>
    /// The `value` of the file's last line, a STATE: what the target must end on. Read from the file
    /// itself, so the check holds for the bytes actually streamed.
    /// </summary>
    public JsonNode ReadFinalStateValue()
    {
        const int TailBytes = 64 * 1024;
        using var file = File.OpenRead(Path);
        file.Seek(Math.Max(0, file.Length - TailBytes), SeekOrigin.Begin);
        using var reader = new StreamReader(file, Encoding.UTF8);
        var lastLine = reader.ReadToEnd().TrimEnd('\n').Split('\n')[^1];
        JsonNode? message;
        try
        {
            message = JsonNode.Parse(lastLine);
        }
        catch (JsonException)
        {
            message = null;
        }

        return message?["type"]?.GetValue<string>() == "STATE" && message["value"] is { } value
            ? value.DeepClone()
            : throw new BenchmarkFailedException($"{Path} does not end with a STATE line; delete it to generate it again.");
    }

    private static void Write(string path, long records)
    {
        const int FlushAt = 1 << 20;
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.SequentialScan);
        var buffer = new ArrayBufferWriter<byte>(FlushAt * 2);
        var writerOptions = new JsonWriterOptions
        {
            // Non-ASCII stays raw UTF-8, as most taps write it; quotes and control characters are still escaped.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = true,
        };
        using var json = new Utf8JsonWriter(buffer, writerOptions);
        var type = JsonEncodedText.Encode("type");
        var stream = JsonEncodedText.Encode("stream");
        var record = JsonEncodedText.Encode("record");
        var recordType = JsonEncodedText.Encode("RECORD");
        var streamName = JsonEncodedText.Encode(ContactRecords.StreamName);
        var timeExtracted = JsonEncodedText.Encode("time_extracted");
        var extractedAt = JsonEncodedText.Encode("2024-06-01T00:00:00.000000Z");

        WriteRaw(buffer, SchemaLine());
        for (long i = 0; i < records; i++)
        {
            json.WriteStartObject();
            json.WriteString(type, recordType);
            json.WriteString(stream, streamName);
            json.WritePropertyName(record);
            ContactRecords.Write(json, i);
            json.WriteString(timeExtracted, extractedAt);
            json.WriteEndObject();
            json.Flush();
            json.Reset();
            WriteRaw(buffer, "\n"u8);

            if ((i + 1) % StateEvery == 0)
            {
                WriteRaw(buffer, StateLine(i + 1, final: false));
            }

            if (buffer.WrittenCount >= FlushAt)
            {
                file.Write(buffer.WrittenSpan);
                buffer.ResetWrittenCount();
            }
        }

        WriteRaw(buffer, StateLine(records, final: true));
        file.Write(buffer.WrittenSpan);
    }

    private static byte[] SchemaLine() => Encoding.UTF8.GetBytes(
        $$"""{"type":"SCHEMA","stream":"{{ContactRecords.StreamName}}","schema":{{ContactRecords.SchemaJson}},"key_properties":["{{ContactRecords.KeyField}}"],"bookmark_properties":["updated_at"]}""" + "\n");

    private static byte[] StateLine(long recordsSoFar, bool final) =>
        Encoding.UTF8.GetBytes($$"""{"type":"STATE","value":{{StateValueJson(recordsSoFar, final)}}}""" + "\n");

    // The bookmark a tap would keep: the last replication-key value and how far it got. The final
    // state says so, which makes it differ from the last periodic one even when N is a multiple of 10,000.
    private static string StateValueJson(long recordsSoFar, bool final)
    {
        var bookmark = new JsonObject
        {
            ["replication_key"] = "updated_at",
            ["replication_key_value"] = recordsSoFar == 0 ? null : ContactRecords.UpdatedAtOf(recordsSoFar - 1),
            ["records_synced"] = recordsSoFar,
        };
        var value = new JsonObject { ["bookmarks"] = new JsonObject { [ContactRecords.StreamName] = bookmark } };
        if (final)
        {
            value["sync_complete"] = true;
        }

        return value.ToJsonString();
    }

    private static void WriteRaw(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(buffer.GetSpan(bytes.Length));
        buffer.Advance(bytes.Length);
    }
}

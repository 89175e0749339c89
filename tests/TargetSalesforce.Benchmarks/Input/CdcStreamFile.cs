using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TargetSalesforce.Benchmarks.Input;

/// <summary>
/// The CDC mode's stream: a change for each of the N records the upsert stream loaded, in the same order. One in
/// <see cref="DeleteEvery"/> (5%) is a delete marked by `_sdc_deleted_at`, carrying the external id and no Salesforce
/// Id, as a log-based tap sends it; the others are updates of their record. States as in the upsert stream.
/// </summary>
public static class CdcStreamFile
{
    /// <summary>Every 20th change deletes its row: about 5% deletes, a busy table's share.</summary>
    public const int DeleteEvery = 20;

    /// <summary>Changes among the first <paramref name="records"/> that delete their row.</summary>
    public static long Deletes(long records) => records / DeleteEvery;

    /// <summary>The stream for <paramref name="records"/> changes in <paramref name="directory"/>, written unless already there.</summary>
    public static SingerStreamFile GetOrCreate(string directory, long records)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"contacts-cdc-v{SingerStreamFile.FormatVersion}-{records}.singer.jsonl"));
        if (File.Exists(path))
        {
            return new SingerStreamFile(path, records, SingerStreamFile.ExpectedLines(records), new FileInfo(path).Length, Reused: true, TimeSpan.Zero);
        }

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

        return new SingerStreamFile(path, records, SingerStreamFile.ExpectedLines(records), new FileInfo(path).Length, Reused: false, clock.Elapsed);
    }

    private static void Write(string path, long records)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16, FileOptions.SequentialScan);
        var buffer = new ArrayBufferWriter<byte>(1 << 21);
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
        var schema = ContactRecords.SchemaJson.Trim().Replace("\"lifetime_value\":{\"type\":[\"number\",\"null\"]}",
            "\"lifetime_value\":{\"type\":[\"number\",\"null\"]},\"_sdc_deleted_at\":{\"type\":[\"string\",\"null\"],\"format\":\"date-time\"}", StringComparison.Ordinal);
        Raw(buffer, $$"""{"type":"SCHEMA","stream":"{{ContactRecords.StreamName}}","schema":{{schema}},"key_properties":["{{ContactRecords.KeyField}}"]}""" + "\n");
        for (long i = 0; i < records; i++)
        {
            json.WriteStartObject();
            json.WriteString("type", "RECORD");
            json.WriteString("stream", ContactRecords.StreamName);
            json.WritePropertyName("record");
            if (i % DeleteEvery == DeleteEvery - 1)
            {
                json.WriteStartObject();
                json.WriteString(ContactRecords.KeyField, string.Create(CultureInfo.InvariantCulture, $"BENCH-{i:D10}"));
                json.WriteString("LastName", "deleted");
                json.WriteString("updated_at", ContactRecords.UpdatedAtOf(i));
                json.WriteString("_sdc_deleted_at", ContactRecords.UpdatedAtOf(i));
                json.WriteEndObject();
            }
            else
            {
                ContactRecords.Write(json, i);
            }

            json.WriteEndObject();
            json.Flush();
            json.Reset();
            Raw(buffer, "\n");
            if ((i + 1) % SingerStreamFile.StateEvery == 0)
            {
                Raw(buffer, string.Create(CultureInfo.InvariantCulture, $"{{\"type\":\"STATE\",\"value\":{{\"cdc_position\":{i + 1}}}}}\n"));
            }

            if (buffer.WrittenCount >= 1 << 20)
            {
                file.Write(buffer.WrittenSpan);
                buffer.ResetWrittenCount();
            }
        }

        Raw(buffer, string.Create(CultureInfo.InvariantCulture, $"{{\"type\":\"STATE\",\"value\":{{\"cdc_position\":{records},\"sync_complete\":true}}}}\n"));
        file.Write(buffer.WrittenSpan);
    }

    private static void Raw(ArrayBufferWriter<byte> buffer, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        bytes.CopyTo(buffer.GetSpan(bytes.Length));
        buffer.Advance(bytes.Length);
    }
}

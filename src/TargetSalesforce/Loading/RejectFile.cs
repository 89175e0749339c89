using Newtonsoft.Json;

namespace TargetSalesforce.Loading;

/// <summary>
/// Failed records as JSON lines (`stream`, `line`, `record`, `error_code`, `message`), appended so a
/// rerun never erases the rejects of an earlier one. Each write is flushed: the file is complete
/// before the run halts.
/// </summary>
internal sealed class RejectFile(string path) : IDisposable
{
    private readonly object gate = new();
    private StreamWriter? writer;

    public string Path { get; } = path;

    public void Write(string stream, BufferedRowView record, string errorCode, string message)
    {
        lock (gate)
        {
            writer ??= new StreamWriter(new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read), new System.Text.UTF8Encoding(false));
            using (var json = new JsonTextWriter(writer) { CloseOutput = false, Formatting = Formatting.None })
            {
                json.WriteStartObject();
                json.WritePropertyName("stream");
                json.WriteValue(stream);
                json.WritePropertyName("line");
                json.WriteValue(record.Line);
                json.WritePropertyName("record");
                if (record.RawRecord is null)
                {
                    json.WriteNull();
                }
                else
                {
                    json.WriteRawValue(record.RawRecord);
                }

                json.WritePropertyName("error_code");
                json.WriteValue(errorCode);
                json.WritePropertyName("message");
                json.WriteValue(message);
                json.WriteEndObject();
            }

            writer.Write('\n');
            writer.Flush();
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            writer?.Dispose();
            writer = null;
        }
    }
}

/// <summary>What a reject line needs of a record.</summary>
internal readonly record struct BufferedRowView(long Line, string? RawRecord);

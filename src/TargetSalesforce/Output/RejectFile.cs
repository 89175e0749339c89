using Newtonsoft.Json;

namespace TargetSalesforce.Output;

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

    public void Write(string stream, long line, string? rawRecord, string errorCode, string message)
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
                json.WriteValue(line);
                json.WritePropertyName("record");
                if (rawRecord is null)
                {
                    json.WriteNull();
                }
                else
                {
                    json.WriteRawValue(rawRecord);
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


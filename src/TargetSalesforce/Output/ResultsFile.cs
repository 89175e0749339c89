using Newtonsoft.Json;

namespace TargetSalesforce.Output;

/// <summary>
/// Records Salesforce accepted, as JSON lines (`stream`, `line`, `key`, `id`, `created`), appended so a rerun keeps the
/// Ids of earlier runs. Each job's lines are flushed before its records settle, so no state is emitted past a record
/// whose Id is not in the file.
/// </summary>
internal sealed class ResultsFile(string path) : IDisposable
{
    private readonly object gate = new();
    private StreamWriter? writer;

    public string Path { get; } = path;

    /// <summary>One accepted record; <paramref name="keyJson"/> is the JSON object of its key properties (`{}` when the stream has none).</summary>
    public readonly record struct Line(string Stream, long InputLine, string? KeyJson, string Id, bool Created);

    /// <summary>Appends the lines and flushes them. Throws <see cref="IOException"/> naming the file when it cannot be written.</summary>
    public void Write(IEnumerable<Line> lines)
    {
        lock (gate)
        {
            try
            {
                writer ??= new StreamWriter(new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read), new System.Text.UTF8Encoding(false));
                foreach (var line in lines)
                {
                    WriteLine(writer, line);
                }

                writer.Flush();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                throw new IOException($"results_file '{Path}' cannot be written ({exception.Message}); the Ids of committed records would be lost", exception);
            }
        }
    }

    private static void WriteLine(StreamWriter writer, Line line)
    {
        using (var json = new JsonTextWriter(writer) { CloseOutput = false, Formatting = Formatting.None })
        {
            json.WriteStartObject();
            json.WritePropertyName("stream");
            json.WriteValue(line.Stream);
            json.WritePropertyName("line");
            json.WriteValue(line.InputLine);
            json.WritePropertyName("key");
            json.WriteRawValue(line.KeyJson ?? "{}");
            json.WritePropertyName("id");
            json.WriteValue(line.Id);
            json.WritePropertyName("created");
            json.WriteValue(line.Created);
            json.WriteEndObject();
        }

        writer.Write('\n');
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

using System.Text;

namespace TargetSalesforce.Benchmarks.Processes;

/// <summary>A child's output streams copied line by line into one file, and the tail read back for errors.</summary>
public sealed class LogFile : IAsyncDisposable
{
    private readonly StreamWriter writer;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly List<Task> copies = [];

    public LogFile(string path)
    {
        writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>Copies <paramref name="source"/> until it ends; lines of two sources are tagged by <paramref name="label"/>.</summary>
    public Task CopyAsync(StreamReader source, string label, Action<string>? onLine = null)
    {
        var copy = Task.Run(async () =>
        {
            while (await source.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                onLine?.Invoke(line);
                await gate.WaitAsync().ConfigureAwait(false);
                try
                {
                    await writer.WriteLineAsync(label.Length == 0 ? line : $"[{label}] {line}").ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
            }
        });
        copies.Add(copy);
        return copy;
    }

    /// <summary>The last <paramref name="lines"/> lines of a log, for an error message.</summary>
    public static string Tail(string path, int lines)
    {
        if (!File.Exists(path))
        {
            return "(no log)";
        }

        var tail = new Queue<string>(lines);
        foreach (var line in File.ReadLines(path))
        {
            if (tail.Count == lines)
            {
                tail.Dequeue();
            }

            tail.Enqueue(line);
        }

        return tail.Count == 0 ? "(empty)" : string.Join('\n', tail.Select(line => "  | " + line));
    }

    /// <summary>Waits for every copy to reach the end of its source (the process has exited), then closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Task.WhenAll(copies).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // A pipe broken by a killed child ends its copy; what arrived is in the file.
        }

        await writer.DisposeAsync().ConfigureAwait(false);
        gate.Dispose();
    }
}

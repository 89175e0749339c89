using System.Text;

namespace TargetSalesforce.Output;

/// <summary>
/// Mage's `--state FILE`: the file always holds exactly one state value (Mage reads its last line
/// and also parses it whole). Each write goes to a temporary file in the same folder, reaches the
/// disk, and is renamed over the target, so a crash leaves the old state or the new, never half.
/// </summary>
public sealed class StateFileOutput(string path) : IStateOutput
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly object gate = new();

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>
    /// After a completed run that emitted no state: Mage reads the file back, so it must exist. `{}`,
    /// as Mage's own destinations write then; a file already there keeps its state (the last one true).
    /// </summary>
    public void EnsureExists()
    {
        if (!File.Exists(Path))
        {
            Write("{}");
        }
    }

    public void Write(string stateJson)
    {
        var bytes = Utf8NoBom.GetBytes(StateJson.ToLine(stateJson) + "\n");
        lock (gate)
        {
            var folder = System.IO.Path.GetDirectoryName(Path)!;
            var temporary = System.IO.Path.Combine(
                folder, $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}.tmp");
            try
            {
                using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    file.Write(bytes);
                    file.Flush(flushToDisk: true);
                }

                File.Move(temporary, Path, overwrite: true);
            }
            finally
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }
        }
    }
}

namespace TargetSalesforce.Output;

/// <summary>
/// Singer and Meltano: each state value is one line on stdout, flushed at once, so the caller
/// (Meltano's state capture, `tail -1`) sees a checkpoint the moment it is safe. Nothing else
/// may write to this stream.
/// </summary>
public sealed class StdoutStateOutput(TextWriter stdout) : IStateOutput
{
    private readonly object gate = new();

    public void Write(string stateJson)
    {
        var line = StateJson.ToLine(stateJson) + "\n";
        lock (gate)
        {
            stdout.Write(line);
            stdout.Flush();
        }
    }
}

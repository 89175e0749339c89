using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace TargetSalesforce.IntegrationTests.Support;

/// <summary>
/// The built target as a live process a test can talk to while it runs: feed stdin piece by piece,
/// wait for stdout lines as they come, send it a signal or kill it outright.
/// </summary>
internal sealed class RunningTarget : IDisposable
{
    /// <summary>Longest a wait on the process may take before the test fails (a hang, not a timing assertion).</summary>
    private static readonly TimeSpan HangLimit = TimeSpan.FromMinutes(1);

    private readonly Process process;
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder stdout = new();
    private readonly Task stdoutDone;
    private readonly Task<string> stderr;

    private RunningTarget(Process process)
    {
        this.process = process;
        stdoutDone = PumpStdoutAsync();
        stderr = process.StandardError.ReadToEndAsync();
    }

    public int ProcessId => process.Id;

    public static RunningTarget Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        new(Process.Start(TargetProcess.StartInfo(arguments, environment)) ?? throw new InvalidOperationException("could not start the target"));

    /// <summary>Writes to stdin; false when the target no longer reads it.</summary>
    public async Task<bool> WriteAsync(string text)
    {
        try
        {
            await process.StandardInput.WriteAsync(text);
            await process.StandardInput.FlushAsync();
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Writes raw bytes to stdin (input that is not valid UTF-8); false when the target no longer reads it.</summary>
    public async Task<bool> WriteBytesAsync(byte[] bytes)
    {
        try
        {
            await process.StandardInput.FlushAsync();
            await process.StandardInput.BaseStream.WriteAsync(bytes);
            await process.StandardInput.BaseStream.FlushAsync();
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    public void CloseInput()
    {
        try
        {
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // Already gone: nothing left to close.
        }
    }

    /// <summary>The next stdout line, or null when stdout ended.</summary>
    public async Task<string?> NextLineAsync()
    {
        using var hang = new CancellationTokenSource(HangLimit);
        try
        {
            return await lines.Reader.WaitToReadAsync(hang.Token) && lines.Reader.TryRead(out var line) ? line : null;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no stdout line within {HangLimit}");
        }
    }

    /// <summary>Sends a POSIX signal by name (TERM, INT), as a supervisor or a terminal would.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + name, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{name} {process.Id} failed");
        }
    }

    /// <summary>SIGKILL: no chance to clean up, as when a machine or a supervisor pulls the plug.</summary>
    public void Kill() => process.Kill();

    /// <summary>Waits for the process to end; everything it printed, with its exit code.</summary>
    public async Task<TargetResult> WaitAsync()
    {
        using var hang = new CancellationTokenSource(HangLimit);
        try
        {
            await process.WaitForExitAsync(hang.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"target-salesforce did not end within {HangLimit}; stderr so far:\n{await stderr}");
        }

        await stdoutDone;
        return new TargetResult(process.ExitCode, stdout.ToString(), await stderr);
    }

    private async Task PumpStdoutAsync()
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            stdout.Append(line).Append('\n');
            lines.Writer.TryWrite(line);
        }

        lines.Writer.TryComplete();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }
}

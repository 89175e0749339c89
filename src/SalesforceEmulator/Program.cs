using System.Runtime.InteropServices;
using SalesforceEmulator;
using SalesforceEmulator.Faults;
using SalesforceEmulator.Hosting;

// `dotnet run --project src/SalesforceEmulator -- [flags]`: stdout line 1 is the base URL, line 2 the web console's
// URL (line 3 the certificate's PEM path with --https), so scripts can read them; everything else goes to stderr.
var commandLine = EmulatorCommandLine.Parse(args);
if (commandLine.HelpRequested)
{
    Console.Out.WriteLine(EmulatorCommandLine.Usage);
    return 0;
}

if (commandLine.Options is null)
{
    Console.Error.WriteLine($"error: {commandLine.Error}");
    Console.Error.WriteLine(EmulatorCommandLine.Usage);
    return 2;
}

var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
void RequestStop(PosixSignalContext signal)
{
    signal.Cancel = true; // we stop ourselves, cleanly
    stop.TrySetResult();
}

using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);

EmulatorHost host;
try
{
    host = await EmulatorHost.StartAsync(commandLine.Options);
}
catch (FaultPlanException e)
{
    Console.Error.WriteLine($"error: --faults {e.Message}");
    return 2;
}
catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or FormatException)
{
    // An unusable --org file or a port already taken: say what, without a stack trace.
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

await using (host)
{
    // One write, so a script that sees line 1 sees the lines after it too.
    var lines = new List<string> { host.BaseUrl.ToString().TrimEnd('/'), host.ConsoleUrl.ToString() };
    if (host.CertificatePath is not null)
    {
        lines.Add(host.CertificatePath);
    }

    Console.Out.Write(string.Join('\n', lines) + "\n");
    Console.Out.Flush();
    Console.Error.WriteLine($"Salesforce emulator listening on {host.BaseUrl}; its console is at {host.ConsoleUrl}; stop with Ctrl-C or SIGTERM.");
    await stop.Task;
    Console.Error.WriteLine("Stopping.");
}

return 0;

using System.Runtime.InteropServices;
using SalesforceEmulator;
using SalesforceEmulator.Faults;
using SalesforceEmulator.Hosting;

// `dotnet run --project src/SalesforceEmulator -- [flags]`: stdout line 1 is the base URL, line 2 the web console's
// URL (line 3 the certificate's PEM path with --https), so scripts can read them; everything else goes to stderr.
var commandLine = EmulatorCommandLine.Parse(args);
if (commandLine.HelpRequested)
{
    await Console.Out.WriteLineAsync(EmulatorCommandLine.Usage);
    return 0;
}

if (commandLine.Options is null)
{
    await Console.Error.WriteLineAsync($"error: {commandLine.Error}");
    await Console.Error.WriteLineAsync(EmulatorCommandLine.Usage);
    return 2;
}

foreach (var deprecation in commandLine.Deprecations)
{
    await Console.Error.WriteLineAsync($"warning: {deprecation}");
}

var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
void RequestStop(PosixSignalContext signal)
{
    signal.Cancel = true; // we stop ourselves, cleanly
    stop.TrySetResult();
}

using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);

// The exit code StartAsync sets when the emulator cannot start: 2 for an unusable fault plan, 1 otherwise.
var startFailure = 0;
var host = await StartAsync(commandLine.Options);
if (host is null)
{
    return startFailure;
}

await using (host)
{
    // One write, so a script that sees line 1 sees the lines after it too.
    var lines = new List<string> { host.BaseUrl.ToString().TrimEnd('/'), host.ConsoleUrl.ToString() };
    if (host.CertificatePath is not null)
    {
        lines.Add(host.CertificatePath);
    }

    await Console.Out.WriteAsync(string.Join('\n', lines) + "\n");
    await Console.Out.FlushAsync();
    await Console.Error.WriteLineAsync($"Salesforce emulator listening on {host.BaseUrl}; its console is at {host.ConsoleUrl}; stop with Ctrl-C or SIGTERM.");
    await stop.Task;
    await Console.Error.WriteLineAsync("Stopping.");
}

return 0;

// The started emulator, or null (the reason on stderr, startFailure set) when it cannot start.
async Task<EmulatorHost?> StartAsync(EmulatorOptions options)
{
    try
    {
        return await EmulatorHost.StartAsync(options);
    }
    catch (FaultPlanException e)
    {
        await Console.Error.WriteLineAsync($"error: --faults {e.Message}");
        startFailure = 2;
    }
    catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or FormatException)
    {
        // An unusable --org file or a port already taken: say what, without a stack trace.
        await Console.Error.WriteLineAsync($"error: {e.Message}");
        startFailure = 1;
    }

    return null;
}

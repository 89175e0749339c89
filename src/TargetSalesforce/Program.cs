using System.Collections;
using System.Text;
using TargetSalesforce.Cli;
using TargetSalesforce.Diagnostics;

StartupPhases.Reached("main");

// The entry point only binds the real console, environment and signals; TargetApp does the rest.
var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

// The console's streams live as long as the process: flushed at the end, never closed early (TargetApp closes
// stdin once it has read it).
#pragma warning disable CA2000
var stdin = Console.OpenStandardInput();
var stdout = TextWriter.Synchronized(new StreamWriter(Console.OpenStandardOutput(), utf8, bufferSize: 1 << 16));
var stderr = TextWriter.Synchronized(new StreamWriter(Console.OpenStandardError(), utf8, bufferSize: 1 << 12));
#pragma warning restore CA2000
var environment = Environment.GetEnvironmentVariables()
    .Cast<DictionaryEntry>()
    .ToDictionary(e => (string)e.Key, e => e.Value as string ?? "", StringComparer.Ordinal);

using var shutdown = new ShutdownSignal();
var app = new TargetApp(
    stdin, stdout, stderr, environment, Directory.GetCurrentDirectory(), TimeProvider.System, shutdown.Token)
{
    Insisted = shutdown.Insisted,
};
try
{
    return await app.RunAsync(args);
}
finally
{
    await stdout.FlushAsync();
    await stderr.FlushAsync();
}

using System.Collections;
using System.Text;
using TargetSalesforce.Cli;

// The entry point only binds the real console, environment and signals; TargetApp does the rest.
var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
var stdout = TextWriter.Synchronized(new StreamWriter(Console.OpenStandardOutput(), utf8, bufferSize: 1 << 16));
var stderr = TextWriter.Synchronized(new StreamWriter(Console.OpenStandardError(), utf8, bufferSize: 1 << 12));
var environment = Environment.GetEnvironmentVariables()
    .Cast<DictionaryEntry>()
    .ToDictionary(e => (string)e.Key, e => e.Value as string ?? "", StringComparer.Ordinal);

using var shutdown = new ShutdownSignal();
var app = new TargetApp(
    Console.OpenStandardInput(), stdout, stderr, environment, Directory.GetCurrentDirectory(), TimeProvider.System, shutdown.Token);
try
{
    return await app.RunAsync(args);
}
finally
{
    stdout.Flush();
    stderr.Flush();
}

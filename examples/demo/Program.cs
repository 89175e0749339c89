using System.Runtime.InteropServices;
using SalesforceEmulator;
using TargetSalesforce.Demo;

// The README's first command: a local org, the sample tap output piped through the target,
// then what landed in the org. Nothing here reaches the internet. `--keep-open` keeps the
// emulator up afterwards, so its web console can be read, until Ctrl-C.
var keepOpen = false;
foreach (var argument in args)
{
    if (argument != "--keep-open")
    {
        await Console.Error.WriteLineAsync($"error: {argument}: unknown option");
        await Console.Error.WriteLineAsync("Usage: dotnet run --project examples/demo [-- --keep-open]");
        return 2;
    }

    keepOpen = true;
}

var repoRoot = RepoRoot.Find();
var samplePath = Path.Combine(repoRoot, "examples", "sample-tap-output.singer");
var target = TargetExecutable.Find(repoRoot);

await using var emulator = await EmulatorHost.StartAsync(new EmulatorOptions());
var emulatorUrl = emulator.BaseUrl.ToString().TrimEnd('/');
Console.WriteLine($"Emulator listening at {emulatorUrl}");

var configPath = Path.Combine(Path.GetTempPath(), $"target-salesforce-demo-{Environment.ProcessId}.json");
var configTemplate = await File.ReadAllTextAsync(Path.Combine(repoRoot, "examples", "demo", "config.json"));
await File.WriteAllTextAsync(configPath, configTemplate.Replace("{{EMULATOR_URL}}", emulatorUrl, StringComparison.Ordinal));

try
{
    Console.WriteLine($"Piping {Path.GetRelativePath(repoRoot, samplePath)} into target-salesforce --config {configPath}");
    Console.WriteLine(new string('-', 72));
    var run = await TargetRun.RunAsync(target, ["--config", configPath], samplePath);
    Console.WriteLine(new string('-', 72));

    Console.WriteLine($"target-salesforce exited with code {run.ExitCode}");
    Console.WriteLine($"State emitted on stdout ({run.StateLines.Count} line(s)); the last is the checkpoint to keep:");
    foreach (var line in run.StateLines)
    {
        Console.WriteLine($"  {line}");
    }

    using var org = await OrgQuery.ConnectAsync(emulator.BaseUrl);
    Console.WriteLine();
    Console.WriteLine("Records in the org, by object:");
    foreach (var objectName in new[] { "Account", "Contact", "Invoice__c" })
    {
        Console.WriteLine($"  {objectName,-12} {await org.CountAsync(objectName)}");
    }

    Console.WriteLine();
    Console.WriteLine("A few loaded records:");
    await org.PrintAsync("SELECT Id, External_Id__c, Name, AnnualRevenue FROM Account ORDER BY External_Id__c LIMIT 3");
    await org.PrintAsync("SELECT External_Id__c, LastName, Email, Birthdate, AccountId, Description FROM Contact ORDER BY External_Id__c LIMIT 6");
    await org.PrintAsync("SELECT External_Id__c, Amount__c, Issued_On__c, Paid__c, Paid_At__c, Account__c FROM Invoice__c ORDER BY External_Id__c");

    Console.WriteLine();
    Console.WriteLine($"Console: {emulator.ConsoleUrl}");
    if (keepOpen)
    {
        Console.WriteLine("The emulator stays up so the console can be read; stop it with Ctrl-C.");
        await UntilStopped();
    }
    else
    {
        Console.WriteLine("(it stops with this demo; run with `-- --keep-open` to look at it in a browser)");
    }

    return run.ExitCode;
}
finally
{
    File.Delete(configPath);
}

// Ctrl-C or SIGTERM ends the wait; the emulator then stops cleanly.
static async Task UntilStopped()
{
    var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    void Stop(PosixSignalContext signal)
    {
        signal.Cancel = true;
        stopped.TrySetResult();
    }

    using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
    using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    await stopped.Task;
}

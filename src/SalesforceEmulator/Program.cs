using SalesforceEmulator;

// STUB (owned by the host/auth/faults work): parses the flags of `dotnet run --project src/SalesforceEmulator`.
await using var host = await EmulatorHost.StartAsync(new EmulatorOptions());
Console.WriteLine(host.BaseUrl.ToString().TrimEnd('/'));
await Task.Delay(Timeout.Infinite);

using TargetSalesforce.Benchmarks;

// The throughput benchmark of issue 5: prints a table and, last, one key=value line. Exit 1 when
// the run cannot produce honest figures (the target fails, the emulator does not start, a check fails).
try
{
    var options = CommandLine.Parse(args);
    if (options is null)
    {
        Console.WriteLine(CommandLine.Usage);
        return 0;
    }

    if (options is { LocalOnly: false, TargetDll: null, PlainBuild: false })
    {
        options.TargetDll = await TargetSalesforce.Benchmarks.Processes.InstalledTarget.PublishAsync(options.CacheDirectory, Console.Error);
    }

    if (options.SmallLoads)
    {
        await TargetSalesforce.Benchmarks.SmallLoads.SmallLoadRun.RunAsync(options, Console.Out, Console.Error);
        return 0;
    }

    if (options.LockHeavy)
    {
        await LockHeavyRun.RunAsync(options, Console.Out, Console.Error);
    }
    else
    {
        await BenchmarkRun.RunAsync(options, Console.Out, Console.Error);
    }

    return 0;
}
catch (BenchmarkFailedException failure)
{
    await Console.Error.WriteLineAsync($"benchmark failed: {failure.Message}");
    return 1;
}

using Microsoft.Extensions.Logging;

namespace TargetSalesforce.Cli;

/// <summary>
/// The two things a configured target does. The command line prepares a <see cref="RunContext"/>
/// and calls one of them; each returns an exit code from <see cref="ExitCodes"/>. An exception
/// that escapes is logged once (redacted) by the caller and ends the run with exit code 1.
/// </summary>
public static class PipelineRunner
{
    /// <summary>Reads every message from <see cref="RunContext.Input"/>, loads the records, emits state.</summary>
    public static Task<int> RunAsync(RunContext context)
    {
        var logger = context.LoggerFactory.CreateLogger(typeof(PipelineRunner));
        logger.LogError("The loading pipeline is not wired into the command line yet.");
        return Task.FromResult(ExitCodes.RunFailed);
    }

    /// <summary>Logs in with the configured credentials and reports success (exit 0) or the reason it failed.</summary>
    public static Task<int> TestConnectionAsync(RunContext context)
    {
        var logger = context.LoggerFactory.CreateLogger(typeof(PipelineRunner));
        logger.LogError("The connection test is not wired into the command line yet.");
        return Task.FromResult(ExitCodes.RunFailed);
    }
}

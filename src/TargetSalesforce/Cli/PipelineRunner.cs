using Microsoft.Extensions.Logging;
using TargetSalesforce.Loading;
using TargetSalesforce.Salesforce;

namespace TargetSalesforce.Cli;

/// <summary>
/// The two things a configured target does. The command line prepares a <see cref="RunContext"/>
/// and calls one of them; each returns an exit code from <see cref="ExitCodes"/>. An exception
/// that escapes is logged once (redacted) by the caller and ends the run with exit code 1.
/// </summary>
public static class PipelineRunner
{
    /// <summary>Reads every message from <see cref="RunContext.Input"/>, loads the records, emits state.</summary>
    public static async Task<int> RunAsync(RunContext context)
    {
        // No network happens here: the first SCHEMA makes the first call, so a state-only input never logs in.
        using var connection = Connect(context);
        var options = new PipelineOptions
        {
            DestinationTables = context.Catalog?.DestinationTables ?? new Dictionary<string, string>(StringComparer.Ordinal),
            ProgressInterval = TimeSpan.FromSeconds(context.Settings.ProgressIntervalSeconds),
        };
        var pipeline = new TargetPipeline(context.Settings, connection.Loader, context.StateOutput, context.LoggerFactory, context.TimeProvider, options);

        // The pipeline logs a halt's reason itself, once, naming the stream and the line.
        var result = await pipeline.RunAsync(context.Input, context.IsMageMode, context.CancellationToken).ConfigureAwait(false);
        if (result.Outcome == RunOutcome.Cancelled)
        {
            // A signal is no halt, so nothing else says why the run ended early.
            context.LoggerFactory.CreateLogger(typeof(PipelineRunner)).LogError(
                "Stopped by a termination signal (SIGTERM or Ctrl-C): input was read no further; the last state emitted covers only committed records");
        }

        return result.ExitCode;
    }

    /// <summary>Logs in with the configured credentials and describes the configured objects; exit 0 or the reason it failed.</summary>
    public static async Task<int> TestConnectionAsync(RunContext context)
    {
        var logger = context.LoggerFactory.CreateLogger(typeof(PipelineRunner));
        try
        {
            using var connection = Connect(context);
            var summary = await connection.TestConnectionAsync(ConfiguredObjects(context), context.CancellationToken).ConfigureAwait(false);
            logger.LogInformation("Connection test passed: {Summary}", summary);
            return ExitCodes.Ok;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            logger.LogError("Connection test failed: {Reason}", exception.Message);
            return ExitCodes.RunFailed;
        }
    }

    private static SalesforceConnection Connect(RunContext context) =>
        SalesforceConnection.Create(context.Settings, context.LoggerFactory, context.TimeProvider, new RedactingSecretSink(context.Redactor),
            options: SalesforceClientOptions.FromSettings(context.Settings) with { Login = context.Login });

    /// <summary>The objects the config names, so a connection test proves they exist and are visible.</summary>
    private static IEnumerable<string> ConfiguredObjects(RunContext context)
    {
        var settings = context.Settings;
        var names = new List<string?> { settings.TableName, settings.MageTable };
        names.AddRange(settings.Streams.Values.Select(s => s.Object));
        names.AddRange(context.Catalog?.DestinationTables.Values ?? []);
        return names.OfType<string>().Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase);
    }
}

using Microsoft.Extensions.Logging;
using TargetSalesforce.Configuration;
using TargetSalesforce.Loading;
using TargetSalesforce.Loading.DryRun;
using TargetSalesforce.Naming;
using TargetSalesforce.Output;
using TargetSalesforce.Salesforce;
using TargetSalesforce.Salesforce.Auth;
using TargetSalesforce.Salesforce.Describe;

namespace TargetSalesforce.Cli;

/// <summary>
/// The target once its config is checked: the composition root, where the settings become the options of the
/// Salesforce client and of loading and the two are put together. It does one of the two things a configured
/// target does; each returns an exit code from <see cref="ExitCodes"/>. An exception that escapes is logged once
/// (redacted) by the caller and ends the run with exit code 1.
/// </summary>
/// <param name="credentials">How to log in, as <see cref="LoginSetup"/> made them from the settings.</param>
/// <param name="catalog">Mage's `--catalog_json`, if given: its destination tables name objects.</param>
/// <param name="secrets">Receives every token the client obtains, for log redaction.</param>
internal sealed class ConfiguredTarget(
    TargetSettings settings, LoginCredentials credentials, MageCatalog? catalog, ILoggerFactory loggers, ISecretSink secrets, TimeProvider time)
{
    private readonly StreamOperations operations =
        new(settings, catalog?.DestinationTables ?? new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>
    /// Reads every message from <paramref name="input"/>, loads the records, emits state to <paramref name="state"/>.
    /// <paramref name="lenient"/> is Mage mode: lines that are not Singer messages are skipped.
    /// <paramref name="cancellationToken"/> is a termination signal; <paramref name="insisted"/> a second one, which ends the
    /// grace period at once.
    /// </summary>
    public async Task<int> RunAsync(Stream input, bool lenient, IStateOutput state, CancellationToken cancellationToken, CancellationToken insisted = default)
    {
        // No network happens here: the first SCHEMA makes the first call, so a state-only input never logs in.
        using var connection = Connect();
        var pipeline = new LoadingPipeline(connection.Loader, state, OptionsFromSettings.ForLoading(settings, operations), loggers, time);

        // The pipeline logs a halt's reason itself, once, naming the stream and the line.
        var result = await pipeline.RunAsync(input, lenient, cancellationToken, insisted).ConfigureAwait(false);
        if (connection.JobsMayBeProcessing is { Count: > 0 } orphans)
        {
            // Jobs closed but neither finished nor confirmed aborted: Salesforce may still be loading them.
            loggers.CreateLogger<ConfiguredTarget>().LogWarning(
                "Bulk jobs that may still be processing inside Salesforce: {JobIds}. Wait for them to end (Setup → Bulk Data Load Jobs) " +
                "before a rerun: rerunning an insert may duplicate their rows (an upsert rerun is harmless)",
                string.Join(", ", orphans));
        }

        if (result.Succeeded && result.Summary.StatesEmitted == 0 && state is StateFileOutput stateFile)
        {
            stateFile.EnsureExists();
        }

        if (result.Outcome == RunOutcome.Completed)
        {
            // Only a whole input shows that no stream of a configured name came.
            var seen = result.Summary.Streams.Select(s => s.Stream).ToList();
            foreach (var warning in UnusedStreamSettings.Warnings(settings.Streams.Keys, seen))
            {
                loggers.CreateLogger<ConfiguredTarget>().LogWarning("{Warning}", warning);
            }
        }
        else if (result.Outcome == RunOutcome.Cancelled)
        {
            // A signal is no halt, so nothing else says why the run ended early.
            loggers.CreateLogger<ConfiguredTarget>().LogError(
                "Stopped by a termination signal (SIGTERM or Ctrl-C): {Reason}; the last state emitted covers only committed records", result.Reason);
        }

        return result.ExitCode;
    }

    /// <summary>
    /// `--dry-run`: the whole input read, validated, mapped, converted and encoded, each object described,
    /// as a run would; nothing written to the org and no state emitted. Prints per stream the records that
    /// would load, by action, and every record that would fail locally, by line. Exit 0 when a real run
    /// would have no local failure, 1 otherwise.
    /// </summary>
    public async Task<int> DryRunAsync(Stream input, bool lenient, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger<ConfiguredTarget>();
        using var connection = Connect();
        var tally = new DryRunTally();
        var options = OptionsFromSettings.ForLoading(settings, operations) with { DryRun = true };
        var pipeline = new LoadingPipeline(new DryRunLoader(connection.Loader, tally), new DiscardedStateOutput(), options, loggers, time);

        var result = await pipeline.RunAsync(input, lenient, cancellationToken).ConfigureAwait(false);
        foreach (var (stream, objectName, action, records) in tally.Rows)
        {
            logger.LogInformation(
                "Dry run: stream '{Stream}' → {Object}: {Records} would {Action}",
                stream, objectName, Counted.Of(records, "record"), FieldMapper.ActionName(action));
        }

        var failed = result.Summary.RecordsFailed;
        if (!result.Succeeded)
        {
            logger.LogError("Dry run stopped: {Reason}", result.Reason);
            return ExitCodes.RunFailed;
        }

        if (failed > 0)
        {
            logger.LogError("Dry run: {Failed} would fail before reaching Salesforce (each is logged above with its line); nothing was written", Counted.Of(failed, "record"));
            return ExitCodes.RunFailed;
        }

        logger.LogInformation("Dry run passed: no record would fail before reaching Salesforce; nothing was written and no state emitted");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Logs in with the configured credentials and checks every stream the config names (object,
    /// action, upsert key), printing a small table; exit 0, or 1 naming each problem.
    /// </summary>
    public async Task<int> TestConnectionAsync(CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger<ConfiguredTarget>();
        try
        {
            using var connection = Connect();
            var (summary, checks) = await connection.CheckAsync(operations.Configured(), cancellationToken).ConfigureAwait(false);
            foreach (var line in CheckTable.Lines(checks))
            {
                logger.LogInformation("{Row}", line);
            }

            var problems = checks.Where(c => c.Problem is not null).ToList();
            if (problems.Count > 0)
            {
                logger.LogError(
                    "Connection test failed: {Summary} {Problems}",
                    summary, string.Join(" ", problems.Select(p => $"{p.Source}: {p.Problem}")));
                return ExitCodes.RunFailed;
            }

            logger.LogInformation("Connection test passed: {Summary}", summary);
            return ExitCodes.Ok;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError("Connection test failed: {Reason}", exception.Message);
            return ExitCodes.RunFailed;
        }
    }

    private SalesforceConnection Connect() =>
        SalesforceConnection.Create(credentials, OptionsFromSettings.ForSalesforce(settings), loggers, time, secrets);
}

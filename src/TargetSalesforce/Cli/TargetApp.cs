using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Configuration;
using TargetSalesforce.Diagnostics;
using TargetSalesforce.Logging;
using TargetSalesforce.Output;
using TargetSalesforce.Salesforce.Auth;

namespace TargetSalesforce.Cli;

/// <summary>
/// The executable's whole life, from arguments to exit code: parse the command line, answer
/// `--help`/`--version`/`--about`/`--show_templates`, load and check the config before any input
/// is read, set up logging and state output, then test the connection or run. Console streams,
/// environment and clock are passed in, so tests run it in-process.
/// </summary>
public sealed class TargetApp(
    Stream stdin,
    TextWriter stdout,
    TextWriter stderr,
    IReadOnlyDictionary<string, string> environment,
    string workingDirectory,
    TimeProvider timeProvider,
    CancellationToken cancellationToken,
    ISecretPrompt? prompt = null)
{
    /// <summary>Cancelled by a second signal (after <c>cancellationToken</c>): jobs are aborted without waiting out the grace period.</summary>
    public CancellationToken Insisted { get; init; }

    /// <summary>The logger category of the target's own top-level messages.</summary>
    public const string LoggerName = "target_salesforce";

    /// <summary>Config secrets shorter than this are placeholders, not masked (Salesforce passwords are at least 5 characters).</summary>
    private const int ShortestMaskedSecret = 4;

    private readonly SecretRedactor redactor = new();

    /// <summary>Runs the target; returns the process exit code (<see cref="ExitCodes"/>).</summary>
    [SuppressMessage("Design", "CA1031", Justification = "The outermost boundary: whatever escapes still becomes one redacted line and exit code 1.")]
    public async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        try
        {
            return await RunUncaughtAsync(args).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // A fault outside the run's own handling (a broken stream, a bug): still one redacted line, still exit 1.
            await stderr.WriteAsync($"{ProductInfo.Name}: internal error: {redactor.Redact(Describe(e))}\n").ConfigureAwait(false);
            await stderr.FlushAsync().ConfigureAwait(false);
            return ExitCodes.RunFailed;
        }
    }

    /// <summary>
    /// The fault as "Type: message", followed down through wrappers that say nothing themselves (a type
    /// initializer's, a reflection call's) to the fault that explains them.
    /// </summary>
    internal static string Describe(Exception fault)
    {
        var text = $"{fault.GetType().Name}: {fault.Message}";
        while (fault is TypeInitializationException or System.Reflection.TargetInvocationException && fault.InnerException is { } inner)
        {
            fault = inner;
            text += $" <- {fault.GetType().Name}: {fault.Message}";
        }

        return text;
    }

    private async Task<int> RunUncaughtAsync(IReadOnlyList<string> args)
    {
        if (args.Count > 0 && args[0] == "login")
        {
            var login = new LoginCommand(stdout, stderr, environment, workingDirectory, prompt ?? TerminalSecretPrompt.Instance, cancellationToken);
            return await login.RunAsync(args.Skip(1).ToList()).ConfigureAwait(false);
        }

        CommandLine line;
        try
        {
            line = CommandLineParser.Parse(args);
        }
        catch (UsageException e)
        {
            await stderr.WriteAsync($"{ProductInfo.Name}: error: {e.Message}\n{HelpText.Usage}Run '{ProductInfo.Name} --help' for details.\n")
                .ConfigureAwait(false);
            await stderr.FlushAsync().ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        if (AnswerWithoutConfig(line))
        {
            await stdout.FlushAsync().ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        return await RunConfiguredAsync(line).ConfigureAwait(false);
    }

    /// <summary>Help, version, about and templates need no config (Mage asks for templates with `--config_json {}`).</summary>
    private bool AnswerWithoutConfig(CommandLine line)
    {
        var answer =
            line.Help ? HelpText.Full
            : line.Version ? $"{ProductInfo.Name} v{ProductInfo.Version}\n"
            : line.About ? AboutDocument.Render(line.AboutFormat, SettingsSchema.Instance)
            : line.ShowTemplates ? MageTemplates.Render()
            : null;
        if (answer is not null)
        {
            stdout.Write(answer);
        }

        return answer is not null;
    }

    [SuppressMessage("Design", "CA1031", Justification = "A run that fails in any way is logged once, redacted, and ends with exit code 1.")]
    private async Task<int> RunConfiguredAsync(CommandLine line)
    {
        var level = LogLevels.FromEnvironment(environment, line.Debug, line.LogLevel);
        JObject? loaded = null;
        TargetConfiguration configuration;
        try
        {
            configuration = TargetConfiguration.Load(line.ConfigRequest, environment, workingDirectory, values =>
            {
                loaded = values;
                foreach (var secret in TargetConfiguration.SecretValues(values, SettingsSchema.Instance))
                {
                    // A placeholder such as "x" cannot be hidden without shredding every message that
                    // contains the letter; no credential Salesforce issues or accepts is that short.
                    if (secret.Length >= ShortestMaskedSecret)
                    {
                        redactor.Add(secret);
                    }
                }
            });
        }
        catch (ConfigException e)
        {
            // Log in the format the config asked for, if it got that far, so Meltano and Mage show the problems.
            var format = (string?)loaded?["log_format"] == "json" ? LogFormat.Json : LogFormat.Text;
            using var failureLogging = CreateLogging(line, format, level, redactor);
            failureLogging.CreateLogger(LoggerName).LogText(LogLevel.Critical, e.Message);
            return ExitCodes.UsageOrConfig;
        }

        StartupPhases.Reached("config checked");
        using var logging = CreateLogging(line, configuration.Settings.LogFormat, level, redactor);
        var logger = logging.CreateLogger(LoggerName);
        foreach (var warning in configuration.Warnings)
        {
            logger.LogText(LogLevel.Warning, warning);
        }

        // A domain that credentials may not travel to is a config error: refused before any input is read or request sent.
        try
        {
            LoginEndpoint.Resolve(configuration.Settings.Domain);
        }
        catch (AuthenticationFailedException e)
        {
            logger.LogText(LogLevel.Critical, $"The config is invalid: domain: {e.Message}");
            return ExitCodes.UsageOrConfig;
        }

        // The login as the chosen flow needs it: a key read and parsed, URLs checked. A problem here is a config error too.
        var login = LoginSetup.Build(configuration.Settings, workingDirectory);
        foreach (var warning in login.Warnings)
        {
            logger.LogText(LogLevel.Warning, warning);
        }

        if (login.Problems.Count > 0 || login.Credentials is not { } credentials)
        {
            logger.LogText(LogLevel.Critical, new ConfigException(login.Problems).Message);
            return ExitCodes.UsageOrConfig;
        }

        foreach (var secret in credentials.Secrets)
        {
            if (secret.Length >= ShortestMaskedSecret)
            {
                redactor.Add(secret);
            }
        }

        if (!TryCreateStateOutput(line, logger, out var stateOutput))
        {
            return ExitCodes.UsageOrConfig;
        }

        await using var input = OpenInput(line, logger);
        if (input is null)
        {
            return ExitCodes.UsageOrConfig;
        }

        var target = new ConfiguredTarget(configuration.Settings, credentials, line.Catalog, logging, new RedactingSecretSink(redactor), timeProvider);
        try
        {
            return line.TestConnection
                ? await target.TestConnectionAsync(cancellationToken).ConfigureAwait(false)
                : line.DryRun
                    ? await target.DryRunAsync(input, line.IsMageMode, cancellationToken).ConfigureAwait(false)
                    : await target.RunAsync(input, line.IsMageMode, stateOutput, cancellationToken, Insisted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogText(LogLevel.Error, "Stopped by a signal; no state past the last committed record was written.");
            return ExitCodes.RunFailed;
        }
        catch (Exception e)
        {
            logger.LogText(LogLevel.Critical, $"The run failed: {e.Message}", e);
            return ExitCodes.RunFailed;
        }
    }

    private ILoggerFactory CreateLogging(CommandLine line, LogFormat format, LogLevel level, SecretRedactor redactor) =>
        TargetLogging.CreateFactory(
            LogStyles.Choose(line.IsMageMode, line.LogToStdout, format), level, redactor, stdout, stderr, timeProvider);

    private bool TryCreateStateOutput(CommandLine line, ILogger logger, out IStateOutput output)
    {
        output = new StdoutStateOutput(stdout);
        if (line.StateFile is not { } path)
        {
            return true;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path, workingDirectory));
        if (folder is null || !Directory.Exists(folder))
        {
            logger.LogText(LogLevel.Critical, $"--state {path}: the folder {folder} does not exist.");
            return false;
        }

        output = new StateFileOutput(Path.GetFullPath(path, workingDirectory));
        return true;
    }

    /// <summary>The input to read (none for a connection test), or null when the file named cannot be opened.</summary>
    private Stream? OpenInput(CommandLine line, ILogger logger)
    {
        if (line.TestConnection)
        {
            return Stream.Null;
        }

        if (line.InputPath is not { } path)
        {
            return stdin;
        }

        var flag = line.InputFilePath is not null ? "--input_file_path" : "--input";
        try
        {
            return new FileStream(
                Path.GetFullPath(path, workingDirectory), FileMode.Open, FileAccess.Read, FileShare.ReadWrite,
                bufferSize: 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : $"cannot be read ({e.GetType().Name})";
            logger.LogText(LogLevel.Critical, $"{flag} {path}: {reason}.");
            return null;
        }
    }
}

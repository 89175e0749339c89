using Microsoft.Extensions.Logging;

namespace TargetSalesforce.Logging;

/// <summary>Builds the run's <see cref="ILoggerFactory"/>: one line provider in the chosen style.</summary>
public static class TargetLogging
{
    public const string AppName = "target-salesforce";

    /// <param name="style">What lines to write.</param>
    /// <param name="minimumLevel">Events below it are dropped.</param>
    /// <param name="redactor">Masks secrets in every event.</param>
    /// <param name="stdout">Used only by <see cref="LogStyle.MageStdout"/>.</param>
    /// <param name="stderr">Every other style writes here.</param>
    /// <param name="timeProvider">The clock for timestamps.</param>
    public static ILoggerFactory CreateFactory(
        LogStyle style,
        LogLevel minimumLevel,
        SecretRedactor redactor,
        TextWriter stdout,
        TextWriter stderr,
        TimeProvider timeProvider)
    {
        ILogLineFormatter formatter = style switch
        {
            LogStyle.MeltanoJson => new MeltanoJsonLogFormatter(AppName, Environment.ProcessId),
            LogStyle.MageStdout => new MageJsonLogFormatter(prefixWithLevel: false),
            LogStyle.MageStderr => new MageJsonLogFormatter(prefixWithLevel: true),
            _ => new TextLogFormatter(includeStackTraces: minimumLevel <= LogLevel.Debug),
        };
        var writer = style == LogStyle.MageStdout ? stdout : stderr;
        var provider = new LineLoggerProvider(formatter, writer, redactor, minimumLevel, timeProvider);
        return LoggerFactory.Create(builder => builder
            .ClearProviders()
            .SetMinimumLevel(minimumLevel)
            .AddProvider(provider));
    }
}

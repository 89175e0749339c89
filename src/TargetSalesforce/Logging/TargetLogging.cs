using System.Diagnostics.CodeAnalysis;
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
    [SuppressMessage("Reliability", "CA2000", Justification = "The factory owns the provider it is given through AddProvider and disposes it with itself.")]
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
        var factory = new LoggerFactory([], new LoggerFilterOptions { MinLevel = minimumLevel });
        // Added to the factory, not handed to its constructor: so the factory disposes it, which flushes the last lines.
        factory.AddProvider(new LineLoggerProvider(formatter, writer, redactor, minimumLevel, timeProvider));
        return factory;
    }
}

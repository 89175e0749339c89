using Microsoft.Extensions.Logging;

namespace TargetSalesforce.Logging;

/// <summary>
/// Writes each log event as one line to one writer (stderr, or stdout for Mage's
/// `--log_to_stdout`), redacted and flushed at once so lines from parallel jobs never interleave
/// and a crash loses nothing already logged.
/// </summary>
public sealed class LineLoggerProvider(
    ILogLineFormatter formatter,
    TextWriter writer,
    SecretRedactor redactor,
    LogLevel minimumLevel,
    TimeProvider timeProvider) : ILoggerProvider, ISupportExternalScope
{
    private readonly object writeGate = new();
    private readonly SecretRedactor redactor = redactor;
    private readonly LogLevel minimumLevel = minimumLevel;
    private readonly TimeProvider timeProvider = timeProvider;
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public ILogger CreateLogger(string categoryName) => new LineLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
        lock (writeGate)
        {
            writer.Flush();
        }
    }

    private void Write(LogEntry entry)
    {
        var line = formatter.Format(entry);
        lock (writeGate)
        {
            writer.Write(line + "\n");
            writer.Flush();
        }
    }

    private sealed class LineLogger(LineLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= provider.minimumLevel;

        public void Log<TState>(
            LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var redactor = provider.redactor;
            var properties = state is IReadOnlyList<KeyValuePair<string, object?>> values ? Redacted(values, redactor) : [];
            var metric = state as MetricPoint;
            provider.Write(new LogEntry(
                provider.timeProvider.GetUtcNow(),
                logLevel,
                category,
                redactor.Redact(formatter(state, exception)),
                exception is null ? null : ExceptionInfo.From(exception, redactor),
                StreamOf(properties) ?? StreamOf(metric) ?? StreamOfScopes(),
                metric,
                properties));
        }

        // A loop, not Select(...).ToList(): LINQ over these pairs would be compiled at every start.
        private static List<KeyValuePair<string, object?>> Redacted(IReadOnlyList<KeyValuePair<string, object?>> values, SecretRedactor redactor)
        {
            var redacted = new List<KeyValuePair<string, object?>>(values.Count);
            foreach (var (key, value) in values)
            {
                redacted.Add(new KeyValuePair<string, object?>(key, Redacted(value, redactor)));
            }

            return redacted;
        }

        /// <summary>Numbers and flags stay as they are; anything else becomes its redacted text.</summary>
        private static object? Redacted(object? value, SecretRedactor redactor) => value switch
        {
            null => null,
            bool or int or long or double or decimal or float or short or byte => value,
            _ => redactor.Redact(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
        };

        private static string? StreamOf(IEnumerable<KeyValuePair<string, object?>> properties) =>
            properties.FirstOrDefault(p => IsStreamKey(p.Key)).Value?.ToString();

        private static string? StreamOf(MetricPoint? metric) =>
            metric is not null && metric.Tags.TryGetValue("stream", out var stream) ? stream?.ToString() : null;

        private string? StreamOfScopes()
        {
            string? stream = null;
            provider.scopes.ForEachScope(
                (scope, _) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> values && StreamOf(values) is { } found)
                    {
                        stream = found; // innermost scope wins: scopes are visited outermost first
                    }
                },
                (object?)null);
            return stream;
        }

        private static bool IsStreamKey(string key) =>
            key.Equals("Stream", StringComparison.OrdinalIgnoreCase) || key.Equals("stream_name", StringComparison.OrdinalIgnoreCase);
    }
}

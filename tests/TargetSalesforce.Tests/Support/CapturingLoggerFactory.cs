using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TargetSalesforce.Tests.Support;

/// <summary>Collects every log entry (level, category, rendered message) for assertions.</summary>
internal sealed class CapturingLoggerFactory : ILoggerFactory
{
    private readonly List<(Func<LogEntry, bool> Match, TaskCompletionSource Signal)> waiters = [];

    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    /// <summary>Completes when an entry containing <paramref name="text"/> has been logged.</summary>
    public Task WaitForAsync(string text)
    {
        lock (waiters)
        {
            if (Entries.Any(e => e.Message.Contains(text, StringComparison.Ordinal)))
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((e => e.Message.Contains(text, StringComparison.Ordinal), signal));
            return signal.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }
    }

    private void Add(LogEntry entry)
    {
        lock (waiters)
        {
            Entries.Enqueue(entry);
            foreach (var waiter in waiters.Where(w => w.Match(entry)).ToArray())
            {
                waiters.Remove(waiter);
                waiter.Signal.TrySetResult();
            }
        }
    }

    public IEnumerable<string> Messages(LogLevel level) => Entries.Where(e => e.Level == level).Select(e => e.Message);

    public IEnumerable<LogEntry> AtOrAbove(LogLevel level) => Entries.Where(e => e.Level >= level);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerFactory factory, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            factory.Add(new LogEntry(logLevel, category, formatter(state, exception), state as IReadOnlyList<KeyValuePair<string, object?>> ?? []));
    }
}

/// <summary>One captured entry; <paramref name="Properties"/> are the template's named values, as structured logs carry them.</summary>
internal sealed record LogEntry(LogLevel Level, string Category, string Message, IReadOnlyList<KeyValuePair<string, object?>> Properties);

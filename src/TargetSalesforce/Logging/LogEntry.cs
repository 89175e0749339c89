namespace TargetSalesforce.Logging;

/// <summary>One log event, already redacted, as every line formatter sees it.</summary>
/// <param name="Timestamp">When it was logged (from the injected clock).</param>
/// <param name="Level">Its level.</param>
/// <param name="Category">The logger's category (the class that logged).</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Exception">The exception, if any, with its text redacted.</param>
/// <param name="StreamName">The Singer stream the event concerns: a `{Stream}` value or a scope's.</param>
/// <param name="Metric">Set for a Singer METRIC event.</param>
/// <param name="Properties">The message template's named values (redacted strings), for structured output.</param>
public sealed record LogEntry(
    DateTimeOffset Timestamp,
    Microsoft.Extensions.Logging.LogLevel Level,
    string Category,
    string Message,
    ExceptionInfo? Exception,
    string? StreamName,
    MetricPoint? Metric,
    IReadOnlyList<KeyValuePair<string, object?>> Properties);

/// <summary>An exception as logs show it: type, namespace, message and stack, all redacted; its cause nested.</summary>
public sealed record ExceptionInfo(string Type, string Module, string Message, string StackTrace, ExceptionInfo? Cause)
{
    public static ExceptionInfo From(Exception exception, SecretRedactor redactor) => new(
        exception.GetType().Name,
        exception.GetType().Namespace ?? "",
        redactor.Redact(exception.Message),
        redactor.Redact(exception.StackTrace ?? ""),
        exception.InnerException is { } inner ? From(inner, redactor) : null);

    /// <summary>The whole chain as one text: `Type: message` per level, stacks included.</summary>
    public string Describe(bool withStack)
    {
        var text = $"{Type}: {Message}";
        if (withStack && StackTrace.Length > 0)
        {
            text += "\n" + StackTrace;
        }

        return Cause is null ? text : text + "\n ---> " + Cause.Describe(withStack);
    }
}

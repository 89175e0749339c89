using Microsoft.Extensions.Logging;

namespace TargetSalesforce.Logging;

/// <summary>Logs a ready-made text as it is: no message template, so braces in it are not placeholders.</summary>
public static class PlainLogging
{
    public static void LogText(this ILogger logger, LogLevel level, string text, Exception? exception = null) =>
        logger.Log(level, default, text, exception, static (message, _) => message);
}

using TargetSalesforce.Configuration;

namespace TargetSalesforce.Logging;

/// <summary>Which log lines a run writes, and where.</summary>
public enum LogStyle
{
    /// <summary>Plain text on stderr (the default).</summary>
    Text,

    /// <summary>Meltano's structured-logging JSON on stderr (`log_format: json`).</summary>
    MeltanoJson,

    /// <summary>Mage's JSON log lines on stdout (`--log_to_stdout`).</summary>
    MageStdout,

    /// <summary>Mage's JSON log lines on stderr, each prefixed with its level (Mage mode without `--log_to_stdout`).</summary>
    MageStderr,
}

public static class LogStyles
{
    /// <summary>
    /// `--log_to_stdout` wins (Mage parses stdout); then an explicit `log_format: json`; then
    /// Mage's own lines when Mage started us; text otherwise.
    /// </summary>
    public static LogStyle Choose(bool mageMode, bool logToStdout, LogFormat format) =>
        logToStdout ? LogStyle.MageStdout
        : format == LogFormat.Json ? LogStyle.MeltanoJson
        : mageMode ? LogStyle.MageStderr
        : LogStyle.Text;
}

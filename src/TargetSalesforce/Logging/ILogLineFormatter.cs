namespace TargetSalesforce.Logging;

/// <summary>Turns one log event into one line of output (no line break inside, none at the end).</summary>
public interface ILogLineFormatter
{
    string Format(LogEntry entry);
}

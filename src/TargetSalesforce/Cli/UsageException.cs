namespace TargetSalesforce.Cli;

/// <summary>The command line cannot be understood: a usage message on stderr and exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

namespace TargetSalesforce.Cli;

/// <summary>The process exit codes, as the README documents them.</summary>
public static class ExitCodes
{
    /// <summary>Everything read was loaded (or tolerated with allow_failures) and the last state went out.</summary>
    public const int Ok = 0;

    /// <summary>The run failed: a rejected record without allow_failures, a failed login or job, bad input, cancellation.</summary>
    public const int RunFailed = 1;

    /// <summary>The command line or the config is wrong; nothing was read or loaded.</summary>
    public const int UsageOrConfig = 2;
}

namespace SalesforceEmulator.Admin;

/// <summary>STUB (owned by the host/auth/faults work): request counters by route.</summary>
public sealed class EmulatorStats
{
}

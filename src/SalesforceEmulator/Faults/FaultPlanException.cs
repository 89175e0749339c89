namespace SalesforceEmulator.Faults;

/// <summary>A fault plan that cannot be used; the message names the source and the offending entry.</summary>
public sealed class FaultPlanException(string message) : Exception(message);

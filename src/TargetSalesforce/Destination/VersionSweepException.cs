namespace TargetSalesforce.Destination;

/// <summary>A full-table sweep that must not go ahead (the safety cap) or could not finish: the run stops with this message.</summary>
public sealed class VersionSweepException(string message) : Exception(message);

namespace TargetSalesforce.Destination;

/// <summary>
/// The destination cannot be used for this run: a refused login, an unreachable host, an error retries
/// did not cure. An expected way for a run to end, reported in the destination's own words, not as a bug.
/// </summary>
public sealed class DestinationException(string message, Exception? inner = null) : Exception(message, inner);

namespace TargetSalesforce.Destination;

/// <summary>
/// The destination will not start new work because it would pass a budget the run was given (the org's
/// daily API requests, say). Nothing failed: the run stops cleanly, and what is in flight finishes.
/// </summary>
public sealed class AllowanceReachedException(string message) : Exception(message);

namespace TargetSalesforce.Loading;

/// <summary>
/// A record failed before loading while allow_failures is false. Thrown out of the loading loop so
/// the run stops reading, yet still loads the records read before it and emits the state they make
/// true: a rerun then starts at the bad record, not before it.
/// </summary>
internal sealed class RecordRejectedException(string reason) : Exception(reason);

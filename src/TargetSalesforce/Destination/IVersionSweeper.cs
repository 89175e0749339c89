namespace TargetSalesforce.Destination;

/// <summary>A writer that can remove, after a full-table version, the rows of a scope that the version did not write.</summary>
public interface IVersionSweeper
{
    /// <summary>
    /// Finds the rows of <see cref="VersionSweep.Scope"/> whose key is not in <paramref name="writtenKeys"/>, then deletes
    /// or marks them. Throws <see cref="VersionSweepException"/> before touching any row when they are more than
    /// <see cref="VersionSweep.MaxDeleteFraction"/> of the scope, and <see cref="LoadConfigurationException"/> when the
    /// stream cannot be swept (no upsert key, an unusable soft-delete field).
    /// </summary>
    /// <param name="writtenKeys">The keys the version wrote (compared ignoring case, as Salesforce compares external ids).</param>
    Task<SweepOutcome> SweepAsync(VersionSweep sweep, IReadOnlySet<string> writtenKeys, CancellationToken cancellationToken);
}

namespace TargetSalesforce.Destination;

/// <summary>What happens to the rows of a stream's scope that a full-table version did not write.</summary>
public enum SweepMode
{
    /// <summary>They are deleted.</summary>
    DeleteMissing,

    /// <summary>A checkbox is set true on them, or a date/time field set to the sweep's time.</summary>
    SoftDelete,
}

/// <summary>A stream's full-table version policy (`activate_version`, `streams.&lt;s&gt;.scope`, `soft_delete_field`, `max_delete_fraction`).</summary>
/// <param name="Scope">A SOQL WHERE condition naming the rows the stream owns; null when the config gave none (an error once a version ends).</param>
/// <param name="SoftDeleteField">The field <see cref="SweepMode.SoftDelete"/> sets.</param>
/// <param name="MaxDeleteFraction">The largest share of the scope one version may remove; more stops the run before any is touched.</param>
public sealed record VersionSweep(SweepMode Mode, string? Scope, string? SoftDeleteField, double MaxDeleteFraction);

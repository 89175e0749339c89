using TargetSalesforce.Configuration;
using TargetSalesforce.Destination;
using TargetSalesforce.Loading.Shaping;

namespace TargetSalesforce.Cli;

/// <summary>Which object, action and key each stream loads with, from the settings and Mage's catalog.</summary>
/// <param name="destinationTables">Stream → `destination_table` from Mage's `--catalog_json`.</param>
internal sealed class StreamOperations(TargetSettings settings, IReadOnlyDictionary<string, string> destinationTables)
{
    /// <summary>
    /// The object: `table_name` when set, else `streams.&lt;stream&gt;.object`, else Mage's injected `table`,
    /// else the catalog's destination table, else the stream name. Action and key: the stream's
    /// override, else the run's.
    /// </summary>
    public ObjectOperation For(string stream)
    {
        settings.Streams.TryGetValue(stream, out var overrides);
        var objectName = NonEmpty(settings.TableName)
                         ?? NonEmpty(overrides?.Object)
                         ?? NonEmpty(settings.MageTable)
                         ?? (destinationTables.TryGetValue(stream, out var table) ? NonEmpty(table) : null)
                         ?? stream;
        return new ObjectOperation(
            objectName,
            overrides?.Action ?? settings.Action,
            NonEmpty(overrides?.ExternalIdName) ?? settings.ExternalIdName)
        {
            AssignmentRuleId = NonEmpty(overrides?.AssignmentRuleId) ?? NonEmpty(settings.AssignmentRuleId),
        };
    }

    /// <summary>The stream's field map (`streams.&lt;stream&gt;.fields`), or null when it has none.</summary>
    public FieldRenames? RenamesFor(string stream) =>
        settings.Streams.TryGetValue(stream, out var overrides) && overrides.Fields is { Count: > 0 } fields ? new FieldRenames(fields) : null;

    /// <summary>
    /// The stream's full-table version policy: null when `activate_version` is `ignore`; otherwise the mode, the stream's
    /// `scope` (null when missing, which the first ACTIVATE_VERSION reports), its soft-delete field and the cap.
    /// </summary>
    public VersionSweep? SweepFor(string stream)
    {
        if (settings.ActivateVersion == VersionMode.Ignore)
        {
            return null;
        }

        settings.Streams.TryGetValue(stream, out var overrides);
        return new VersionSweep(
            settings.ActivateVersion == VersionMode.DeleteMissing ? SweepMode.DeleteMissing : SweepMode.SoftDelete,
            NonEmpty(overrides?.Scope),
            NonEmpty(overrides?.SoftDeleteField) ?? NonEmpty(settings.SoftDeleteField),
            settings.MaxDeleteFraction);
    }

    /// <summary>
    /// Every stream the config names, routed as a run would route it: each `streams.&lt;name&gt;` entry and
    /// catalog stream, and `table_name` (or Mage's `table`) on its own; one entry per object, action and key,
    /// so a connection test checks what a run would load.
    /// </summary>
    public IReadOnlyList<(string Source, ObjectOperation Operation)> Configured()
    {
        var operations = new List<(string Source, ObjectOperation Operation)>();
        operations.AddRange(settings.Streams.Keys.Select(stream => ($"streams.{stream}", For(stream))));
        operations.AddRange(destinationTables.Keys.Select(stream => ($"catalog stream {stream}", For(stream))));
        foreach (var (source, table) in new[] { ("table_name", settings.TableName), ("table", settings.MageTable) })
        {
            if (NonEmpty(table) is { } name)
            {
                operations.Add((source, new ObjectOperation(name, settings.Action, settings.ExternalIdName)));
            }
        }

        return operations
            .DistinctBy(o => (o.Operation.ObjectName.ToUpperInvariant(), o.Operation.Action, o.Operation.ExternalIdField.ToUpperInvariant()))
            .ToList();
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

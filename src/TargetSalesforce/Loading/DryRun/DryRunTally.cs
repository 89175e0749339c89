using System.Collections.Concurrent;
using TargetSalesforce.Destination;

namespace TargetSalesforce.Loading.DryRun;

/// <summary>The records a dry run would have sent, per stream, object and action.</summary>
public sealed class DryRunTally
{
    private readonly ConcurrentDictionary<(string Stream, string Object, LoadAction Action), long> counts = new();

    public void Add(string stream, ObjectOperation operation, long records) =>
        counts.AddOrUpdate((stream, operation.ObjectName, operation.Action), records, (_, sum) => sum + records);

    /// <summary>Stream, object, action and records, in stream order then action.</summary>
    public IReadOnlyList<(string Stream, string Object, LoadAction Action, long Records)> Rows =>
        counts.Select(c => (c.Key.Stream, c.Key.Object, c.Key.Action, c.Value))
            .OrderBy(r => r.Stream, StringComparer.Ordinal)
            .ThenBy(r => r.Action)
            .ToList();
}

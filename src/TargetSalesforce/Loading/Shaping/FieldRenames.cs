using TargetSalesforce.Destination;

namespace TargetSalesforce.Loading.Shaping;

/// <summary>
/// A stream's field map (`streams.&lt;name&gt;.fields`): each record property named there is seen by the destination
/// under the name it maps to (a field, `Relationship.KeyField`, or a compound field), and one mapped to null is not
/// seen at all. Applied before field mapping, to the stream's shape and to each record, so that describe checks,
/// encoding and loading treat a mapped name exactly as if the tap had sent it.
/// </summary>
public sealed class FieldRenames
{
    private readonly Dictionary<string, string?> targets;
    private readonly HashSet<string> hiddenIgnoringCase;

    // The destination's name → the record property that holds it (case-insensitive, as field names are).
    private readonly Dictionary<string, string> sources = new(StringComparer.OrdinalIgnoreCase);

    public FieldRenames(IReadOnlyDictionary<string, string?> map)
    {
        targets = new Dictionary<string, string?>(map, StringComparer.Ordinal);
        hiddenIgnoringCase = new HashSet<string>(targets.Keys, StringComparer.OrdinalIgnoreCase);
        foreach (var (property, target) in targets)
        {
            if (!string.IsNullOrWhiteSpace(target))
            {
                sources.TryAdd(target, property);
            }
        }
    }

    /// <summary>The map as configured: record property → field name, or null to drop it.</summary>
    public IReadOnlyDictionary<string, string?> Targets => targets;

    /// <summary>True when <paramref name="property"/> is renamed or dropped, so the record's own name is hidden.</summary>
    public bool Hides(string property) => targets.ContainsKey(property);

    /// <summary>True when a renamed or dropped property spells <paramref name="name"/>, ignoring case.</summary>
    public bool HidesIgnoringCase(string name) => hiddenIgnoringCase.Contains(name);

    /// <summary>The record property the destination's <paramref name="name"/> reads, or null when no map entry gives it.</summary>
    public string? SourceOf(string name) => sources.GetValueOrDefault(name);

    /// <summary>What a record's <paramref name="property"/> is called after the map (itself when unmapped); null when dropped.</summary>
    public string? NameOf(string property) =>
        targets.TryGetValue(property, out var target) ? (string.IsNullOrWhiteSpace(target) ? null : target) : property;

    /// <summary>
    /// The shape under the mapped names: a mapped property (or the parent of a nested `Parent.Child` one) takes its
    /// target's name, a dropped one goes, and <see cref="StreamShape.Sources"/> says which property each mapped name came from.
    /// </summary>
    public StreamShape Apply(StreamShape shape)
    {
        var properties = new List<string>(shape.Properties.Count);
        var renamedFrom = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in shape.Properties)
        {
            var dot = property.IndexOf('.', StringComparison.Ordinal);
            var top = dot < 0 ? property : property[..dot];
            if (!targets.TryGetValue(top, out var target))
            {
                properties.Add(property);
                continue;
            }

            if (string.IsNullOrWhiteSpace(target))
            {
                continue;
            }

            var renamed = dot < 0 ? target : target + property[dot..];
            properties.Add(renamed);
            renamedFrom.TryAdd(renamed, property);
        }

        var keys = shape.KeyProperties.Select(NameOf).OfType<string>().ToList();
        return shape with { Properties = properties, KeyProperties = keys, Sources = renamedFrom };
    }

    /// <summary>The config's entries whose property no property of <paramref name="shape"/> (before the map) is.</summary>
    public IReadOnlyList<string> Unmatched(StreamShape shape)
    {
        var tops = shape.Properties.Select(p => p.Split('.')[0]).ToHashSet(StringComparer.Ordinal);
        return targets.Keys.Where(property => !tops.Contains(property)).ToList();
    }
}

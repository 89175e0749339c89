namespace TargetSalesforce.Tests.Architecture;

/// <summary>
/// Circles among namespaces, looked for level by level: the sub-namespaces of one parent (the rooms of the
/// target, the sub-rooms of one room) must use each other one way only. A room's own top-level types (its
/// entry point, the types its sub-rooms share) may use its sub-rooms and be used by them.
/// </summary>
internal static class NamespaceCycles
{
    /// <summary>Each circle found, as its members and one reference that closes each step.</summary>
    public static List<string> Find(NamespaceReferences references)
    {
        var levels = new Dictionary<string, Dictionary<(string From, string To), string>>(StringComparer.Ordinal);
        foreach (var ((from, to), example) in references.Edges)
        {
            var parent = CommonParent(from, to);
            if (parent == from || parent == to)
            {
                continue; // a room and its own sub-room
            }

            var level = levels.TryGetValue(parent, out var found) ? found : levels[parent] = [];
            level.TryAdd((ChildOf(parent, from), ChildOf(parent, to)), example);
        }

        var cycles = new List<string>();
        foreach (var (_, edges) in levels.OrderBy(level => level.Key, StringComparer.Ordinal))
        {
            var nodes = edges.Keys.SelectMany(edge => new[] { edge.From, edge.To }).Distinct();
            foreach (var circle in FindAmong(nodes, edges.Keys.ToHashSet()))
            {
                var steps = edges.Where(edge => circle.Contains(edge.Key.From) && circle.Contains(edge.Key.To))
                    .Select(edge => $"{edge.Key.From} → {edge.Key.To} ({edge.Value})");
                cycles.Add($"{string.Join(", ", circle)}: {string.Join("; ", steps)}");
            }
        }

        return cycles;
    }

    /// <summary>The groups of nodes that reach each other (strongly connected, more than one node), each sorted.</summary>
    public static List<List<string>> FindAmong(IEnumerable<string> nodes, ISet<(string From, string To)> edges)
    {
        var all = nodes.Distinct().Order(StringComparer.Ordinal).ToList();
        var reach = all.ToDictionary(node => node, node => Reachable(node, edges), StringComparer.Ordinal);
        var groups = new List<List<string>>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in all)
        {
            if (placed.Contains(node))
            {
                continue;
            }

            var group = all.Where(other => other == node || (reach[node].Contains(other) && reach[other].Contains(node))).ToList();
            placed.UnionWith(group);
            if (group.Count > 1)
            {
                groups.Add(group);
            }
        }

        return groups;
    }

    private static HashSet<string> Reachable(string start, ISet<(string From, string To)> edges)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var next = new Stack<string>([start]);
        while (next.TryPop(out var node))
        {
            foreach (var (_, to) in edges.Where(edge => edge.From == node))
            {
                if (seen.Add(to))
                {
                    next.Push(to);
                }
            }
        }

        return seen;
    }

    private static string CommonParent(string a, string b)
    {
        var left = a.Split('.');
        var right = b.Split('.');
        var shared = 0;
        while (shared < left.Length && shared < right.Length && left[shared] == right[shared])
        {
            shared++;
        }

        return string.Join('.', left.Take(shared));
    }

    /// <summary>The sub-namespace of <paramref name="parent"/> that holds <paramref name="ns"/>.</summary>
    private static string ChildOf(string parent, string ns) =>
        string.Join('.', ns.Split('.').Take(parent.Split('.').Length + 1));
}

namespace TargetSalesforce.Naming;

/// <summary>
/// "Did you mean": the known names closest to a mistyped one, by edit distance with case, `_`, `-`
/// and spaces ignored. Close means within a third of the name's length (at least 1, at most 3 edits),
/// so `allow_failure` finds `allow_failures` but `foo` finds nothing.
/// </summary>
internal static class NearestNames
{
    /// <summary>The closest names, best first, at most <paramref name="limit"/>; empty when none is close.</summary>
    public static IReadOnlyList<string> Find(string typed, IEnumerable<string> known, int limit = 1)
    {
        var wanted = Fold(typed);
        var allowed = Math.Clamp(wanted.Length / 3, 1, 3);
        return known
            .Distinct(StringComparer.Ordinal)
            .Select(name => (Name: name, Distance: Distance(wanted, Fold(name))))
            .Where(c => c.Distance <= allowed)
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(limit)
            .Select(c => c.Name)
            .ToList();
    }

    /// <summary>" (did you mean X?)" for the nearest name, or "" when none is close.</summary>
    public static string Hint(string typed, IEnumerable<string> known) =>
        Find(typed, known) is [var nearest] ? $" (did you mean {nearest}?)" : "";

    private static string Fold(string name) =>
        string.Concat(name.Where(c => c is not ('_' or '-' or ' '))).ToLowerInvariant();

    /// <summary>Levenshtein distance, two rows at a time.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var swap = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + swap);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}

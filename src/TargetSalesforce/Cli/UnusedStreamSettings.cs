using TargetSalesforce.Naming;

namespace TargetSalesforce.Cli;

/// <summary>
/// `streams.&lt;name&gt;` entries that no stream of the whole input used: most likely a misspelt stream
/// name, whose settings a run would otherwise drop without a word.
/// </summary>
internal static class UnusedStreamSettings
{
    /// <summary>One warning per configured name that no stream in <paramref name="seen"/> had, naming the nearest one.</summary>
    public static IReadOnlyList<string> Warnings(IEnumerable<string> configured, IReadOnlyCollection<string> seen) =>
        configured
            .Where(name => !seen.Contains(name, StringComparer.Ordinal))
            .Select(name =>
                $"config: streams.{name}: no stream of that name came in the input, so these settings were not used" +
                $"{NearestNames.Hint(name, seen)} (streams seen: {(seen.Count == 0 ? "none" : string.Join(", ", seen))})")
            .ToList();
}

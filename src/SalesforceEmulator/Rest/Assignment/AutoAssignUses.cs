using System.Collections.Concurrent;

namespace SalesforceEmulator.Rest.Assignment;

/// <summary>
/// How often REST writes carried each Sforce-Auto-Assign value, by what they wrote to (an object, or a composite
/// resource), so a test or a dry run can see that a loader asked for assignment rules.
/// </summary>
public sealed class AutoAssignUses
{
    private readonly ConcurrentDictionary<(string Target, string Value), long> counts = new();

    public void Record(string target, string value) => counts.AddOrUpdate((target, value), 1, (_, n) => n + 1);

    /// <summary>Every (target, value) with its count, sorted, so the JSON reads the same from run to run.</summary>
    public IReadOnlyList<AutoAssignUse> Snapshot() =>
        counts.Select(pair => new AutoAssignUse(pair.Key.Target, pair.Key.Value, pair.Value))
            .OrderBy(use => use.Target, StringComparer.Ordinal).ThenBy(use => use.Value, StringComparer.Ordinal).ToList();

    public void Reset() => counts.Clear();
}

/// <summary>One Sforce-Auto-Assign value seen on writes to one target, and how many requests carried it.</summary>
public sealed record AutoAssignUse(string Target, string Value, long Requests);

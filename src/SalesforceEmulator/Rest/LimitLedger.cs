using SalesforceEmulator.Org;

namespace SalesforceEmulator.Rest;

/// <summary>
/// The org's limits as `/limits` reports them: each one's maximum and what clients spent of it. Starts at a Developer
/// Edition org's maxima with nothing spent; the org file and the admin route change maxima and what remains. Spending
/// is atomic, so a limit is never passed by requests racing for its last unit.
/// </summary>
public sealed class LimitLedger
{
    public const string DailyApiRequests = "DailyApiRequests";
    public const string DailyBulkApiBatches = "DailyBulkApiBatches";
    public const string DailyBulkV2QueryJobs = "DailyBulkV2QueryJobs";
    public const string DailyBulkV2QueryFileStorageMB = "DailyBulkV2QueryFileStorageMB";

    private readonly Lock gate = new();
    private readonly Dictionary<string, (long Max, long Used)> entries;

    public LimitLedger()
    {
        entries = OrgLimits.DefaultMaxima.ToDictionary(limit => limit.Name, limit => (limit.Max, 0L), StringComparer.Ordinal);
    }

    public long Max(string name)
    {
        lock (gate)
            return entries[name].Max;
    }

    public long Used(string name)
    {
        lock (gate)
            return entries[name].Used;
    }

    /// <summary>What is left, never below 0 (a job may spend past the maximum; the next one is refused).</summary>
    public long Remaining(string name)
    {
        lock (gate)
        {
            var (max, used) = entries[name];
            return Math.Max(0, max - used);
        }
    }

    /// <summary>Spends <paramref name="amount"/> when that much remains; <paramref name="used"/> and <paramref name="max"/> are the figures after.</summary>
    public bool TrySpend(string name, long amount, out long used, out long max)
    {
        lock (gate)
        {
            var entry = entries[name];
            max = entry.Max;
            if (entry.Max - entry.Used < amount)
            {
                used = entry.Used;
                return false;
            }
            entries[name] = (entry.Max, entry.Used + amount);
            used = entry.Used + amount;
            return true;
        }
    }

    /// <summary>Spends unconditionally (work already done, such as the batches of a processed job).</summary>
    public void Spend(string name, long amount)
    {
        if (amount <= 0)
            return;
        lock (gate)
        {
            var entry = entries[name];
            entries[name] = (entry.Max, entry.Used + amount);
        }
    }

    /// <summary>
    /// Applies settings, all or none: an unknown name, a negative number or more remaining than the maximum throws
    /// <see cref="ArgumentException"/> naming <paramref name="where"/> and the entry, and changes nothing.
    /// </summary>
    public void Apply(IReadOnlyDictionary<string, LimitSetting> settings, string where)
    {
        lock (gate)
        {
            var changed = new Dictionary<string, (long Max, long Used)>(StringComparer.Ordinal);
            foreach (var (given, setting) in settings)
            {
                var name = entries.Keys.FirstOrDefault(key => key.Equals(given, StringComparison.OrdinalIgnoreCase))
                    ?? throw new ArgumentException($"{where}: {given}: not a limit an org lists (e.g. {DailyApiRequests}, {DailyBulkApiBatches}).");
                if (setting is null || (setting.Max is null && setting.Remaining is null))
                    throw new ArgumentException($"{where}: {name}: give Max, Remaining or both.");
                var (max, used) = entries[name];
                if (setting.Max is { } newMax)
                {
                    if (newMax < 0)
                        throw new ArgumentException($"{where}: {name}.Max: must be 0 or more, not {newMax}.");
                    max = newMax;
                }
                if (setting.Remaining is { } remaining)
                {
                    if (remaining < 0 || remaining > max)
                        throw new ArgumentException($"{where}: {name}.Remaining: must be from 0 to Max ({max}), not {remaining}.");
                    used = max - remaining;
                }
                changed[name] = (max, used);
            }
            foreach (var (name, entry) in changed)
                entries[name] = entry;
        }
    }
}

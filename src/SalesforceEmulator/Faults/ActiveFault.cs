namespace SalesforceEmulator.Faults;

/// <summary>A fault in force: its rule plus what it has counted and fired so far. Guarded by the plan's lock.</summary>
public sealed class ActiveFault(FaultRule rule, int ordinal, DateTimeOffset installedAt)
{
    public FaultRule Rule { get; } = rule;

    /// <summary>Position in the plan when installed; part of every seeded draw so two rules draw differently.</summary>
    public int Ordinal { get; } = ordinal;

    public DateTimeOffset InstalledAt { get; } = installedAt;

    /// <summary>Requests, rows or jobs the rule applied to.</summary>
    public long Matches { get; set; }

    /// <summary>Times it actually fired.</summary>
    public long Fired { get; set; }

    /// <summary>sessionExpiry: requests each session made since the fault was installed.</summary>
    public Dictionary<string, int> SessionUses { get; } = new(StringComparer.Ordinal);

    public bool Spent => Rule.Times is int limit && Fired >= limit;
}

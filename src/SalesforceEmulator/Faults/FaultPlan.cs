using SalesforceEmulator.Auth;

namespace SalesforceEmulator.Faults;

/// <summary>
/// The faults in force, deterministic under the seed: every "share" is a seeded draw on the rule's position and
/// the match's number (or the job id and row), so the same plan, seed and traffic give the same faults.
/// </summary>
public sealed class FaultPlan
{
    private readonly Lock gate = new();
    private readonly List<ActiveFault> faults = [];

    public FaultPlan(EmulatorOptions options)
    {
        Options = options;
        if (options.FaultsFile is not null)
        {
            Replace(FaultPlanReader.ReadFile(options.FaultsFile));
        }
    }

    public EmulatorOptions Options { get; }

    private int Seed => Options.Seed;

    /// <summary>The faults in force with their counters, in plan order.</summary>
    public IReadOnlyList<ActiveFault> Active
    {
        get { lock (gate) { return [.. faults]; } }
    }

    public void Replace(IEnumerable<FaultRule> rules)
    {
        lock (gate)
        {
            faults.Clear();
            AddLocked(rules);
        }
    }

    public void Add(IEnumerable<FaultRule> rules)
    {
        lock (gate) { AddLocked(rules); }
    }

    /// <summary>Removes every fault.</summary>
    public void Clear()
    {
        lock (gate) { faults.Clear(); }
    }

    /// <summary>
    /// Counts one request against every request fault whose route matches. Latencies add up; the first listed
    /// answer-replacing fault that fires wins (the others still count the request, but do not fire).
    /// </summary>
    public RequestFaultDecision Decide(string method, string path)
    {
        lock (gate)
        {
            var delay = TimeSpan.Zero;
            FaultRule? answer = null;
            foreach (var fault in faults)
            {
                var rule = fault.Rule;
                if (rule.Kind is FaultKind.SessionExpiry or FaultKind.LockRows or FaultKind.FailJob || !rule.Route.Matches(method, path))
                {
                    continue;
                }

                var match = ++fault.Matches;
                var isAnswer = rule.Kind != FaultKind.Latency;
                if (isAnswer && answer is not null)
                {
                    continue;
                }

                if (TryFire(fault, match, StableHash.Fraction(Seed, fault.Ordinal, match)))
                {
                    if (isAnswer)
                    {
                        answer = rule;
                    }
                    else
                    {
                        delay += rule.Delay;
                    }
                }
            }

            return new RequestFaultDecision(delay, answer);
        }
    }

    /// <summary>Counts one authenticated request of a session; true when a sessionExpiry fault ends that session now.</summary>
    public bool EndsSession(Session session)
    {
        var now = Options.Time.GetUtcNow();
        lock (gate)
        {
            foreach (var fault in faults)
            {
                var rule = fault.Rule;
                if (rule.Kind != FaultKind.SessionExpiry || fault.Spent)
                {
                    continue;
                }

                var uses = fault.SessionUses.GetValueOrDefault(session.AccessToken) + 1;
                fault.SessionUses[session.AccessToken] = uses;
                var start = session.IssuedAt > fault.InstalledAt ? session.IssuedAt : fault.InstalledAt;
                if (uses > rule.AfterRequests || now - start >= rule.AfterSeconds)
                {
                    fault.Matches++;
                    fault.Fired++;
                    fault.SessionUses.Remove(session.AccessToken);
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Called by job processing for each row: true makes the row fail with UNABLE_TO_LOCK_ROW.</summary>
    /// <remarks>The draw depends on the job id and row index only, so processing order does not change which rows lock.</remarks>
    public bool ShouldLockRow(string jobId, int rowIndex)
    {
        lock (gate)
        {
            foreach (var fault in faults)
            {
                if (fault.Rule.Kind == FaultKind.LockRows
                    && TryFire(fault, ++fault.Matches, StableHash.Fraction(Seed, fault.Ordinal, StableHash.Of(jobId), rowIndex)))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Called by job processing when a job starts: a message makes the job end Failed with it.</summary>
    public string? ForcedJobFailure(string jobId, string objectName)
    {
        lock (gate)
        {
            foreach (var fault in faults)
            {
                var rule = fault.Rule;
                if (rule.Kind != FaultKind.FailJob
                    || rule.ObjectName is not null && !string.Equals(rule.ObjectName, objectName, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (TryFire(fault, ++fault.Matches, StableHash.Fraction(Seed, fault.Ordinal, StableHash.Of(jobId))))
                {
                    return rule.Message ?? "InternalServerError : Failed to process the job (emulator fault)";
                }
            }

            return null;
        }
    }

    private static bool TryFire(ActiveFault fault, long match, double draw)
    {
        var rule = fault.Rule;
        if (fault.Spent || match < rule.Nth || draw >= rule.Share)
        {
            return false;
        }

        fault.Fired++;
        return true;
    }

    private void AddLocked(IEnumerable<FaultRule> rules)
    {
        var now = Options.Time.GetUtcNow();
        foreach (var rule in rules)
        {
            faults.Add(new ActiveFault(rule, faults.Count, now));
        }
    }
}

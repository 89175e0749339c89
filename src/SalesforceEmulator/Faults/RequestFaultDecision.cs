namespace SalesforceEmulator.Faults;

/// <summary>What the faults make of one request: a delay first, then at most one fault that replaces the answer.</summary>
public readonly record struct RequestFaultDecision(TimeSpan Delay, FaultRule? Answer)
{
    public static RequestFaultDecision None { get; } = new(TimeSpan.Zero, null);
}

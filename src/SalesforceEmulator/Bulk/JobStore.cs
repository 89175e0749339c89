namespace SalesforceEmulator.Bulk;

/// <summary>STUB (owned by the Org/Bulk/Rest work): ingest jobs, their state machine and processing.</summary>
public sealed class JobStore(EmulatorContext context)
{
    public EmulatorContext Context { get; } = context;

    /// <summary>Forgets every job.</summary>
    public void Reset() { }

    /// <summary>Job counts by state name, for `/__emulator/stats`.</summary>
    public IReadOnlyDictionary<string, int> CountByState() => new Dictionary<string, int>();
}

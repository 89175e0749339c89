namespace SalesforceEmulator.Org;

/// <summary>STUB (owned by the Org/Bulk/Rest work): the org's object definitions and records.</summary>
public sealed class OrgStore
{
    public static OrgStore Load(EmulatorOptions options) => new();

    /// <summary>Empties every object's records (the org definition stays).</summary>
    public void Reset() { }

    /// <summary>Rows written, by object then by operation, for `/__emulator/stats`.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> RowsByObjectAndOperation() =>
        new Dictionary<string, IReadOnlyDictionary<string, long>>();
}

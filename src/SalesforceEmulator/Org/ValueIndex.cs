namespace SalesforceEmulator.Org;

/// <summary>
/// Live records by the value of one lookup field (external id, unique or idLookup), matched case-insensitively:
/// the hashes of the values, pointing at record slots. The table confirms a match against the stored value.
/// </summary>
internal sealed class ValueIndex(int ordinal)
{
    public int Ordinal { get; } = ordinal;

    public SlotHashIndex Slots { get; } = new();
}

using System.Runtime.InteropServices;

namespace SalesforceEmulator.Org;

/// <summary>
/// Live records by the value of one lookup field (external id, unique or idLookup), case-insensitive.
/// A key maps to a record, or to a list when a non-unique field holds the value more than once.
/// </summary>
internal sealed class ValueIndex
{
    private readonly Dictionary<string, object> entries;
    private readonly Dictionary<string, object>.AlternateLookup<ReadOnlySpan<char>> entriesBySpan;

    public ValueIndex()
    {
        entries = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        entriesBySpan = entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public void Add(string value, SObjectRecord record)
    {
        // One hash lookup for the common case of a new value (a million-row insert makes a million of them).
        ref var existing = ref CollectionsMarshal.GetValueRefOrAddDefault(entries, value, out var found);
        if (!found)
            existing = record;
        else if (existing is List<SObjectRecord> list)
            list.Add(record);
        else
            existing = new List<SObjectRecord> { (SObjectRecord)existing!, record };
    }

    public void Remove(string value, SObjectRecord record)
    {
        if (!entries.TryGetValue(value, out var existing))
            return;
        if (existing is List<SObjectRecord> list)
        {
            list.Remove(record);
            if (list.Count == 1)
                entries[value] = list[0];
        }
        else if (ReferenceEquals(existing, record))
        {
            entries.Remove(value);
        }
    }

    /// <summary>The records holding the value: none, one, or several.</summary>
    public IReadOnlyList<SObjectRecord> Find(ReadOnlySpan<char> value) =>
        entriesBySpan.TryGetValue(value, out var existing)
            ? existing as List<SObjectRecord> ?? [(SObjectRecord)existing]
            : [];

    public void Clear() => entries.Clear();
}

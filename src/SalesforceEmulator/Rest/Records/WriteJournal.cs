using SalesforceEmulator.Org;

namespace SalesforceEmulator.Rest.Records;

/// <summary>
/// The writes of one all-or-none request (a composite request with allOrNone, an sObject tree), so they can be
/// undone when a later part fails: a created record is removed, an updated one gets its values back, a deleted one
/// leaves the recycle bin.
/// </summary>
public sealed class WriteJournal
{
    private readonly List<(SObjectTable Table, SObjectRecord Record, string?[]? Before)> writes = [];

    public int Count => writes.Count;

    public void Created(SObjectTable table, SObjectRecord record) => writes.Add((table, record, null));

    public void Updated(SObjectTable table, SObjectRecord record, string?[] before) => writes.Add((table, record, before));

    public void Deleted(SObjectTable table, SObjectRecord record) => writes.Add((table, record, []));

    /// <summary>Undoes every write, newest first.</summary>
    public void RollBack()
    {
        for (var i = writes.Count - 1; i >= 0; i--)
        {
            var (table, record, before) = writes[i];
            lock (table.SyncRoot)
            {
                if (before is null)
                    table.HardDelete(record);
                else if (before.Length == 0)
                    table.Undelete(record);
                else if (record.Slot >= 0 && !record.IsDeleted)
                    table.Replace(record, ValueRow.Of(before));
            }
        }
        writes.Clear();
    }
}

using SalesforceEmulator.Bulk.Csv;
using SalesforceEmulator.Bulk.Rows;
using SalesforceEmulator.Org;

namespace SalesforceEmulator.Bulk.Processing;

/// <summary>
/// The columns of an upload that name a parent whose row a save locks (<see cref="SObjectField.LocksParent"/>), by Id
/// (AccountId) or through the parent's external id (Account.External_Id__c); both come to the parent's record id, so
/// the two forms lock the same row. A value that names no parent locks nothing (the row fails on its own).
/// </summary>
internal sealed class LockColumns
{
    private readonly (int Column, ColumnBinding Binding, SObjectTable? Parent)[] columns;

    private LockColumns((int, ColumnBinding, SObjectTable?)[] columns) => this.columns = columns;

    /// <summary>The lock-taking columns of a plan, or null when it has none (its rows lock nothing).</summary>
    public static LockColumns? For(ColumnPlan plan, OrgStore org, IngestOperation operation)
    {
        if (operation.IsDelete())
            return null; // deleting a child locks its parent too on a real org, but a delete upload names ids only
        var found = new List<(int, ColumnBinding, SObjectTable?)>();
        for (var column = 0; column < plan.Columns.Count; column++)
        {
            var binding = plan.Columns[column];
            if (binding.Field.LocksParent)
                found.Add((column, binding, binding.Parent ?? (binding.Field.ReferenceTo is { } name ? org.Find(name) : null)));
        }
        return found.Count == 0 ? null : new LockColumns([.. found]);
    }

    /// <summary>Adds the ids of the parents the row names to <paramref name="parents"/>.</summary>
    public void AddParents(CsvRow row, ISet<string> parents)
    {
        foreach (var (column, binding, parent) in columns)
        {
            var raw = row[column];
            if (raw.IsEmpty || raw.SequenceEqual("#N/A") || parent is null)
                continue;
            if (!binding.IsRelationship)
            {
                if (SalesforceId.TryNormalize(raw, out var id))
                    parents.Add(id);
                continue;
            }
            lock (parent.SyncRoot)
            {
                var matches = parent.FindByValue(binding.ParentKey!, raw);
                if (matches.Count == 1)
                    parents.Add(matches[0].Id);
            }
        }
    }
}

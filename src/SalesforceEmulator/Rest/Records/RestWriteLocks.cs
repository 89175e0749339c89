using System.Text.Json;
using SalesforceEmulator.Bulk;
using SalesforceEmulator.Bulk.Processing;
using SalesforceEmulator.Bulk.Rows;
using SalesforceEmulator.Org;

namespace SalesforceEmulator.Rest.Records;

/// <summary>
/// The parent locks of a REST write call (a single record, or an sObject Collections call of up to 200). Salesforce
/// saves a call's records in one transaction, which locks the parents they name through lock-taking relationships
/// (by Id or by external id) just as a Bulk transaction of 200 rows does. So a call naming an Account whose Contacts a
/// Bulk worker, or another call, is saving waits for that Account up to the lock timeout, on the emulator's clock;
/// then its records that name a parent still held fail with UNABLE_TO_LOCK_ROW and the others are saved. The locks
/// are held while the records' triggers run (the object's trigger cost per record), as a Bulk transaction holds them.
/// </summary>
public sealed class RestWriteLocks(OrgStore org, ParentLocks locks, TimeSpan timeout, TimeProvider time)
{
    private static readonly IReadOnlySet<string> NoParents = new HashSet<string>();

    /// <summary>The parents a record locks when saved into <paramref name="table"/>; none when its columns do not bind (its save fails anyway).</summary>
    public IReadOnlySet<string> ParentsOf(SObjectTable table, RecordInput input)
    {
        ColumnPlan plan;
        try
        {
            plan = ColumnPlan.Build(input.Columns, table, org, IngestOperation.Insert, null);
        }
        catch (UploadRejectedException)
        {
            return NoParents;
        }
        if (LockColumns.For(plan, org, IngestOperation.Insert) is not { } columns)
            return NoParents;
        var parents = new HashSet<string>(StringComparer.Ordinal);
        columns.AddParents(RecordSaver.Row(input.Cells), parents);
        return parents;
    }

    /// <summary>The parents a single-record body locks (none when the object or the body is not one the save accepts).</summary>
    public IReadOnlySet<string> ParentsOf(string objectName, JsonElement body) =>
        org.Find(objectName) is { } table && RecordInput.Read(table.Schema, org, body, out _) is { } input
            ? ParentsOf(table, input)
            : NoParents;

    /// <summary>How long the triggers of <paramref name="records"/> records of the object keep their transaction open.</summary>
    public static TimeSpan TriggerTime(SObjectTable? table, int records) =>
        table is null ? TimeSpan.Zero : TimeSpan.FromMilliseconds(table.Schema.Definition.TriggerMillisPerRow * records);

    /// <summary>What a record answers when its call could not lock <paramref name="parent"/> in time.</summary>
    public static SaveError Refusal(string parent, int records) => SaveError.FromRowError(RowErrors.UnableToLockRow(parent, records));

    /// <summary>A single-record write: a transaction of one, refused with UNABLE_TO_LOCK_ROW when its parent stays locked.</summary>
    public Task<RestReply> SaveOneAsync(string objectName, JsonElement body, Func<RestReply> save, CancellationToken cancellationToken) =>
        SaveAsync([ParentsOf(objectName, body)], TriggerTime(org.Find(objectName), 1),
            lockedParent => lockedParent(0) is { } parent ? Refusal(parent, 1).ToReply() : save(), cancellationToken);

    /// <summary>
    /// Locks the parents of a call's records (one set per record, in call order) all together, waiting up to the lock
    /// timeout; runs <paramref name="save"/>, which is told for each record the first parent it names that stayed
    /// locked by another (null when none); keeps the locks for <paramref name="triggerTime"/>; releases them.
    /// </summary>
    public async Task<T> SaveAsync<T>(IReadOnlyList<IReadOnlySet<string>> parentsByRecord, TimeSpan triggerTime,
        Func<Func<int, string?>, T> save, CancellationToken cancellationToken)
    {
        var parents = new HashSet<string>(StringComparer.Ordinal);
        foreach (var set in parentsByRecord)
            parents.UnionWith(set);
        var busy = await locks.AcquireAsync(parents, timeout, _ => { }, cancellationToken).ConfigureAwait(false);
        try
        {
            var result = save(index => busy.Count == 0 ? null : parentsByRecord[index].FirstOrDefault(busy.Contains));
            if (triggerTime > TimeSpan.Zero)
                await Task.Delay(triggerTime, time, cancellationToken).ConfigureAwait(false);
            return result;
        }
        finally
        {
            if (parents.Count > 0)
                locks.Release(busy.Count == 0 ? parents : parents.Where(p => !busy.Contains(p)));
        }
    }
}

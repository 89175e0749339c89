using SalesforceEmulator.Bulk;
using SalesforceEmulator.Bulk.Csv;
using SalesforceEmulator.Bulk.Rows;
using SalesforceEmulator.Org;

namespace SalesforceEmulator.Rest.Records;

/// <summary>
/// What became of one record written through REST: the record, whether it was created, or why it was refused (and,
/// when the refused write named an existing record, that record's id).
/// </summary>
public readonly record struct SaveOutcome(SObjectRecord? Record, bool Created, SaveError? Error, string? FailedId = null)
{
    public static SaveOutcome Failed(SaveError error, string? id = null) => new(null, false, error, id);

    /// <summary>The id a save result shows: the written record's, or the one a refused write named.</summary>
    public string? Id => Record?.Id ?? FailedId;
}

/// <summary>
/// Writes single records as a one-row Bulk job would: the same header binding (<see cref="ColumnPlan"/>) and the same
/// row rules (<see cref="RowWriter"/>: value checks, relationship lookups, writability, required fields, unique
/// values), so REST and Bulk refuse the same data for the same reasons.
/// </summary>
public sealed class RecordSaver(OrgStore org, TimeProvider time)
{
    public SaveOutcome Create(SObjectTable table, RecordInput input, WriteJournal? journal = null)
    {
        var outcome = Apply(table, IngestOperation.Insert, null, [], [], input);
        if (outcome.Record is { } record && journal is not null)
            journal.Created(table, record);
        return outcome;
    }

    public SaveOutcome Update(SObjectTable table, SObjectRecord record, RecordInput input, WriteJournal? journal = null)
    {
        var before = record.ToArray();
        var outcome = Apply(table, IngestOperation.Update, null, ["Id"], [record.Id], input);
        if (outcome.Record is not null && journal is not null)
            journal.Updated(table, record, before);
        return outcome;
    }

    /// <summary>
    /// Updates the record an Id cell names, judged as a Bulk update row is: a blank Id is MISSING_ARGUMENT, a malformed
    /// one MALFORMED_ID, one not in the org INVALID_CROSS_REFERENCE_KEY (the sObject Collections update).
    /// </summary>
    public SaveOutcome UpdateById(SObjectTable table, string idCell, RecordInput input, WriteJournal? journal = null)
    {
        SObjectRecord? target = null;
        string?[]? before = null;
        if (journal is not null && SalesforceId.TryNormalize(idCell, out var id18))
        {
            lock (table.SyncRoot)
            {
                target = table.FindById(id18);
                before = target is { IsDeleted: false } ? target.ToArray() : null;
            }
        }
        var outcome = Apply(table, IngestOperation.Update, null, ["Id"], [idCell], input);
        if (outcome.Record is { } record && journal is not null && before is not null && ReferenceEquals(record, target))
            journal.Updated(table, record, before);
        return outcome;
    }

    /// <summary>Inserts, or updates the one record whose <paramref name="key"/> holds <paramref name="keyValue"/>.</summary>
    /// <param name="keyRepeated">The key occurs in another record of the same request (such records fail, as repeated keys of a Bulk job do).</param>
    public SaveOutcome Upsert(SObjectTable table, SObjectField key, string keyValue, RecordInput input, WriteJournal? journal = null,
        bool keyRepeated = false)
    {
        string?[]? before = null;
        if (journal is not null)
        {
            lock (table.SyncRoot)
            {
                var matches = table.FindByValue(key, keyValue);
                if (matches.Count == 1)
                    before = matches[0].ToArray();
            }
        }
        var outcome = Apply(table, IngestOperation.Upsert, key.Name, [key.Name], [keyValue], input, keyRepeated);
        if (outcome.Record is { } record && journal is not null)
        {
            if (outcome.Created)
                journal.Created(table, record);
            else if (before is not null)
                journal.Updated(table, record, before);
        }
        return outcome;
    }

    /// <summary>Moves a record to the recycle bin.</summary>
    public SaveOutcome Delete(SObjectTable table, SObjectRecord record, WriteJournal? journal = null) => DeleteById(table, record.Id, journal);

    /// <summary>Moves the record an id names to the recycle bin, judged as a Bulk delete row is.</summary>
    public SaveOutcome DeleteById(SObjectTable table, string idCell, WriteJournal? journal = null)
    {
        var plan = ColumnPlan.Build(["Id"], table, org, IngestOperation.Delete, null);
        var outcome = Result(new RowWriter(table, org, plan, IngestOperation.Delete, time).Apply(Row([idCell]), false, false));
        if (outcome.Record is { } record && journal is not null)
            journal.Deleted(table, record);
        return outcome;
    }

    private SaveOutcome Apply(SObjectTable table, IngestOperation operation, string? externalIdFieldName,
        IReadOnlyList<string> keyColumns, IReadOnlyList<string> keyCells, RecordInput input, bool keyRepeated = false)
    {
        var header = keyColumns.Concat(input.Columns).ToList();
        ColumnPlan plan;
        try
        {
            plan = ColumnPlan.Build(header, table, org, operation, externalIdFieldName);
        }
        catch (UploadRejectedException e)
        {
            // The Bulk wording names the job's failure ("InvalidBatch : …"); a REST write answers the field error alone.
            var message = e.Message.StartsWith("InvalidBatch : ", StringComparison.Ordinal) ? e.Message["InvalidBatch : ".Length..] : e.Message;
            return SaveOutcome.Failed(new SaveError("INVALID_FIELD", message));
        }
        var row = Row(keyCells.Concat(input.Cells).ToList());
        return Result(new RowWriter(table, org, plan, operation, time).Apply(row, lockFault: false, keyRepeatedInJob: keyRepeated));
    }

    private static SaveOutcome Result(RowOutcome outcome) =>
        outcome.Error is { } error
            ? SaveOutcome.Failed(SaveError.FromRowError(error), outcome.Id)
            : new SaveOutcome(outcome.Record, outcome.Created, null);

    /// <summary>Cell texts as the upload row the Bulk rules read.</summary>
    internal static CsvRow Row(IReadOnlyList<string> cells)
    {
        var row = new CsvRow();
        foreach (var cell in cells)
        {
            row.StartField(isQuoted: false);
            row.Append(cell);
        }
        return row;
    }
}

using SalesforceEmulator.Org;

namespace SalesforceEmulator.Bulk.Rows;

/// <summary>
/// Applies the rows of one job to the store, one at a time, in the order Salesforce checks them: values parse,
/// relationships resolve, the target record is found, then writability, required fields and unique values.
/// One instance serves one job run (it reuses its buffers between rows).
/// </summary>
public sealed class RowWriter
{
    private readonly SObjectTable table;
    private readonly SObjectSchema schema;
    private readonly OrgStore org;
    private readonly ColumnPlan plan;
    private readonly IngestOperation operation;
    private readonly TimeProvider time;
    private readonly IReadOnlySet<string> keysRepeatedInJob;
    private readonly string?[] changes;
    private readonly bool[] assigned;
    private readonly List<SObjectField> assignedFields = [];
    private readonly List<SObjectField> problemFields = [];
    private DateTimeOffset lastNow;
    private string lastNowText = "";

    public RowWriter(SObjectTable table, OrgStore org, ColumnPlan plan, IngestOperation operation, TimeProvider time, IReadOnlySet<string> keysRepeatedInJob)
    {
        this.table = table;
        this.org = org;
        this.plan = plan;
        this.operation = operation;
        this.time = time;
        this.keysRepeatedInJob = keysRepeatedInJob;
        schema = table.Schema;
        changes = new string?[schema.Fields.Count];
        assigned = new bool[schema.Fields.Count];
    }

    public RowOutcome Apply(IReadOnlyList<string> row, bool lockFault)
    {
        var idRaw = plan.IdColumn >= 0 ? row[plan.IdColumn] : "";
        if (lockFault)
            return RowOutcome.Fail(RowErrors.UnableToLockRow(SalesforceId.TryNormalize(idRaw, out var lockedId) ? lockedId : null));
        if (operation.IsDelete())
            return Delete(idRaw);

        foreach (var field in assignedFields)
            assigned[field.Ordinal] = false;
        assignedFields.Clear();
        if (ReadValues(row) is { } valueError)
            return RowOutcome.Fail(valueError);

        lock (table.SyncRoot)
        {
            return operation switch
            {
                IngestOperation.Insert => Insert(),
                IngestOperation.Update => UpdateById(idRaw, insertWhenBlank: false),
                _ => Upsert(row, idRaw),
            };
        }
    }

    /// <summary>Parses every non-empty cell into the change buffers; returns the first error.</summary>
    private string? ReadValues(IReadOnlyList<string> row)
    {
        for (var column = 0; column < row.Count; column++)
        {
            var raw = row[column];
            var binding = plan.Columns[column];
            if (raw.Length == 0)
                continue; // an empty cell leaves the field as it is
            var field = binding.Field;
            if (column == plan.IdColumn)
            {
                if (operation == IngestOperation.Insert)
                    Assign(field, raw); // fails below as not createable
                continue;
            }
            string? stored = null;
            if (raw != "#N/A")
            {
                var error = binding.IsRelationship ? ResolveParent(binding, raw, out stored) : ReadValue(field, column, raw, out stored);
                if (error is not null)
                    return error;
            }
            Assign(field, stored);
        }
        return null;
    }

    private string? ReadValue(SObjectField field, int column, string raw, out string? stored)
    {
        var problem = FieldValues.Normalize(field, raw, out var normalized);
        stored = normalized;
        if (problem != ValueProblem.None)
            return RowErrors.ForValue(problem, field, column, raw);
        if (field.Type != FieldType.Reference || field.ReferenceTo is not { } parentName || org.Find(parentName) is not { } parent)
            return null;
        if (!normalized.StartsWith(parent.Schema.KeyPrefix, StringComparison.Ordinal))
            return RowErrors.WrongReferenceType(field, raw);
        lock (parent.SyncRoot)
        {
            var record = parent.FindById(normalized);
            return record is null ? RowErrors.InvalidCrossReference : record.IsDeleted ? RowErrors.EntityIsDeleted : null;
        }
    }

    private static string? ResolveParent(ColumnBinding binding, string raw, out string? stored)
    {
        var parent = binding.Parent!;
        var key = binding.ParentKey!;
        stored = null;
        IReadOnlyList<SObjectRecord> matches;
        lock (parent.SyncRoot)
            matches = parent.FindByValue(key, raw);
        if (matches.Count == 0)
            return RowErrors.ForeignKeyNotFound(raw, key, parent.Schema);
        if (matches.Count > 1)
            return RowErrors.MoreThanOneMatch(key, matches);
        stored = matches[0].Id;
        return null;
    }

    private void Assign(SObjectField field, string? value)
    {
        if (!assigned[field.Ordinal])
        {
            assigned[field.Ordinal] = true;
            assignedFields.Add(field);
        }
        changes[field.Ordinal] = value;
    }

    private RowOutcome Upsert(IReadOnlyList<string> row, string idRaw)
    {
        var key = plan.Key!;
        if (key.Ordinal == SObjectSchema.IdOrdinal)
            return UpdateById(idRaw, insertWhenBlank: true);

        var keyValue = plan.KeyColumn >= 0 ? row[plan.KeyColumn] : "";
        if (keyValue.Length == 0 || keyValue == "#N/A")
            return RowOutcome.Fail(RowErrors.KeyNotSpecified(key));
        if (keysRepeatedInJob.Contains(keyValue))
            return RowOutcome.Fail(RowErrors.DuplicateKeyInJob(keyValue));
        var matches = table.FindByValue(key, keyValue);
        return matches.Count switch
        {
            0 => Insert(),
            1 => Update(matches[0], key),
            _ => RowOutcome.Fail(RowErrors.MoreThanOneMatch(key, matches)),
        };
    }

    private RowOutcome UpdateById(string idRaw, bool insertWhenBlank)
    {
        if (idRaw.Length == 0)
            return insertWhenBlank ? Insert() : RowOutcome.Fail(RowErrors.IdNotSpecified(operation));
        if (!SalesforceId.TryNormalize(idRaw, out var id))
            return RowOutcome.Fail(RowErrors.MalformedId(idRaw));
        var record = table.FindById(id);
        if (record is null)
            return RowOutcome.Fail(RowErrors.InvalidCrossReference, id);
        if (record.IsDeleted)
            return RowOutcome.Fail(RowErrors.EntityIsDeleted, id);
        return Update(record, key: null);
    }

    private RowOutcome Insert()
    {
        problemFields.Clear();
        foreach (var field in assignedFields)
        {
            if (!field.Createable)
                problemFields.Add(field);
        }
        if (problemFields.Count > 0)
            return RowOutcome.Fail(RowErrors.NotWritable(problemFields));

        var values = new string?[schema.Fields.Count];
        foreach (var field in assignedFields)
            values[field.Ordinal] = changes[field.Ordinal];
        foreach (var field in schema.Fields)
        {
            if (values[field.Ordinal] is null && field.Definition.DefaultedOnCreate)
                values[field.Ordinal] = field.Type == FieldType.Boolean ? "false" : field.DefaultPicklistValue;
            if (values[field.Ordinal] is null && field.RequiredOnCreate)
                problemFields.Add(field);
        }
        if (problemFields.Count > 0)
            return RowOutcome.Fail(RowErrors.RequiredFieldsMissing(problemFields));
        if (FindUniqueConflict(values, self: null) is { } conflict)
            return RowOutcome.Fail(conflict);

        var now = Now();
        values[schema.CreatedDate.Ordinal] = now;
        values[schema.LastModifiedDate.Ordinal] = now;
        var record = table.Insert(values);
        return new RowOutcome(record.Id, true, null);
    }

    private RowOutcome Update(SObjectRecord record, SObjectField? key)
    {
        problemFields.Clear();
        foreach (var field in assignedFields)
        {
            if (!field.Updateable && field != key)
                problemFields.Add(field);
        }
        if (problemFields.Count > 0)
            return RowOutcome.Fail(RowErrors.NotWritable(problemFields), record.Id);
        foreach (var field in assignedFields)
        {
            if (changes[field.Ordinal] is null && !field.Nillable)
                problemFields.Add(field);
        }
        if (problemFields.Count > 0)
            return RowOutcome.Fail(RowErrors.RequiredFieldsMissing(problemFields), record.Id);

        var merged = record.ToArray();
        var keyValue = key is null ? null : merged[key.Ordinal];
        foreach (var field in assignedFields)
            merged[field.Ordinal] = changes[field.Ordinal];
        if (FindUniqueConflict(merged, record) is { } conflict)
            return RowOutcome.Fail(conflict, record.Id);

        // The key matched case-insensitively; the stored one keeps its own spelling.
        if (key is not null)
            merged[key.Ordinal] = keyValue;
        merged[schema.LastModifiedDate.Ordinal] = Now();
        table.Replace(record, merged);
        return new RowOutcome(record.Id, false, null);
    }

    /// <summary>The current time in stored form, formatted once per millisecond rather than once per row.</summary>
    private string Now()
    {
        var now = time.GetUtcNow();
        if (now.UtcTicks / TimeSpan.TicksPerMillisecond != lastNow.UtcTicks / TimeSpan.TicksPerMillisecond || lastNowText.Length == 0)
        {
            lastNow = now;
            lastNowText = FieldValues.FormatDateTime(now);
        }
        return lastNowText;
    }

    private string? FindUniqueConflict(string?[] values, SObjectRecord? self)
    {
        foreach (var field in assignedFields)
        {
            if (!field.Unique || values[field.Ordinal] is not { } value)
                continue;
            foreach (var other in table.FindByValue(field, value))
            {
                if (!ReferenceEquals(other, self))
                    return RowErrors.DuplicateValue(field, other.Id);
            }
        }
        return null;
    }

    private RowOutcome Delete(string idRaw)
    {
        if (idRaw.Length == 0)
            return RowOutcome.Fail(RowErrors.IdNotSpecified(operation));
        if (!SalesforceId.TryNormalize(idRaw, out var id))
            return RowOutcome.Fail(RowErrors.MalformedId(idRaw));
        lock (table.SyncRoot)
        {
            var record = table.FindById(id);
            if (record is null)
                return RowOutcome.Fail(RowErrors.InvalidCrossReference, id);
            if (operation == IngestOperation.HardDelete)
            {
                table.HardDelete(record);
                return new RowOutcome(id, false, null);
            }
            if (record.IsDeleted)
                return RowOutcome.Fail(RowErrors.EntityIsDeleted, id);
            table.SoftDelete(record);
            return new RowOutcome(id, false, null);
        }
    }
}

using SalesforceEmulator.Bulk.Csv;
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
    private readonly ValueRow changes;
    private readonly ValueRow merged;
    private readonly bool[] assigned;
    private readonly List<SObjectField> assignedFields = [];
    private readonly List<SObjectField> problemFields = [];
    // The fields an insert defaults and those it requires, in field order, looked up once per job rather than per row.
    private readonly SObjectField[] defaultedOnCreate;
    private readonly SObjectField[] requiredOnCreate;
    private string? defaultOwnerId; // looked up at the first insert that needs it, not per row
    private DateTimeOffset lastNow;
    private string lastNowText = "";

    public RowWriter(SObjectTable table, OrgStore org, ColumnPlan plan, IngestOperation operation, TimeProvider time)
    {
        this.table = table;
        this.org = org;
        this.plan = plan;
        this.operation = operation;
        this.time = time;
        schema = table.Schema;
        changes = new ValueRow(schema.Fields.Count);
        merged = new ValueRow(schema.Fields.Count);
        assigned = new bool[schema.Fields.Count];
        defaultedOnCreate = schema.Fields.Where(field => field.Definition.DefaultedOnCreate).ToArray();
        requiredOnCreate = schema.Fields.Where(field => field.RequiredOnCreate).ToArray();
    }

    /// <param name="keyRepeatedInJob">The row's upsert key occurs in another row of the job too (such rows fail).</param>
    public RowOutcome Apply(CsvRow row, bool lockFault, bool keyRepeatedInJob)
    {
        var idRaw = plan.IdColumn >= 0 ? row[plan.IdColumn] : [];
        if (lockFault)
            return RowOutcome.Fail(RowErrors.UnableToLockRow(SalesforceId.TryNormalize(idRaw, out var lockedId) ? lockedId : null));
        if (operation.IsDelete())
            return Delete(idRaw);

        foreach (var field in assignedFields)
            assigned[field.Ordinal] = false;
        assignedFields.Clear();
        changes.Clear();
        changes.UseSource(row.Text);
        if (ReadValues(row) is { } valueError)
            return RowOutcome.Fail(valueError);

        lock (table.SyncRoot)
        {
            return operation switch
            {
                IngestOperation.Insert => Insert(),
                IngestOperation.Update => UpdateById(idRaw, insertWhenBlank: false),
                _ => Upsert(row, idRaw, keyRepeatedInJob),
            };
        }
    }

    /// <summary>Parses every non-empty cell into the change buffers; returns the first error.</summary>
    private string? ReadValues(CsvRow row)
    {
        for (var column = 0; column < row.Count; column++)
        {
            var raw = row[column];
            var binding = plan.Columns[column];
            if (raw.IsEmpty)
                continue; // an empty cell leaves the field as it is
            var field = binding.Field;
            // Only the typed columns of one polymorphic reference share a field: a row may fill one of them.
            if (binding.IsTyped && assigned[field.Ordinal])
                return PolymorphicColumns.SeveralTypesInRow(field);
            if (column == plan.IdColumn)
            {
                if (operation == IngestOperation.Insert)
                    Assign(field, row.GetString(column)); // fails below as not createable
                continue;
            }
            if (raw.SequenceEqual("#N/A"))
            {
                Assign(field, null);
                continue;
            }
            if (binding.IsRelationship)
            {
                if (ResolveParent(binding, raw, out var parentId) is { } parentError)
                    return parentError;
                Assign(field, parentId);
                continue;
            }
            if (ReadValue(field, column, raw, out var converted) is { } valueError)
                return valueError;
            if (converted is null)
                AssignCell(field, row.StartOf(column), raw.Length);
            else
                Assign(field, converted);
        }
        return null;
    }

    /// <summary>Checks a cell; <paramref name="converted"/> is its stored form when that differs from the cell's text.</summary>
    private string? ReadValue(SObjectField field, int column, ReadOnlySpan<char> raw, out string? converted)
    {
        var problem = FieldValues.Normalize(field, raw, out converted);
        if (problem != ValueProblem.None)
            return RowErrors.ForValue(problem, field, column, raw.ToString());
        if (field.Type != FieldType.Reference)
            return null;
        var normalized = converted is null ? raw : converted.AsSpan();
        if (ReferencedTable(field, normalized, out var targetMissing) is not { } parent)
            return targetMissing ? null : RowErrors.WrongReferenceType(field, raw.ToString());
        var isRecordType = RecordTypeAssignment.IsRecordTypeObject(parent);
        if (isRecordType && normalized.SequenceEqual(RecordTypeAssignment.MasterId))
            return null;
        lock (parent.SyncRoot)
        {
            var record = parent.FindById(normalized);
            if (isRecordType)
                return RecordTypeAssignment.Check(schema, parent, record, field, raw.ToString());
            return record is null ? RowErrors.InvalidCrossReference : record.IsDeleted ? RowErrors.EntityIsDeleted : null;
        }
    }

    /// <summary>
    /// The object an id written to a reference belongs to, by its key prefix, among those the reference may point at
    /// (several for a polymorphic one); null when none. <paramref name="targetMissing"/>: a target the org does not
    /// define, whose ids the emulator cannot check and so accepts.
    /// </summary>
    private SObjectTable? ReferencedTable(SObjectField field, ReadOnlySpan<char> id, out bool targetMissing)
    {
        targetMissing = false;
        foreach (var name in field.Definition.ReferenceTo)
        {
            if (org.Find(name) is not { } table)
                targetMissing = true;
            else if (id.StartsWith(table.Schema.KeyPrefix, StringComparison.Ordinal))
                return table;
        }
        return null;
    }

    private string? ResolveParent(ColumnBinding binding, ReadOnlySpan<char> raw, out string? stored)
    {
        var parent = binding.Parent!;
        var key = binding.ParentKey!;
        stored = null;
        IReadOnlyList<SObjectRecord> matches;
        lock (parent.SyncRoot)
            matches = parent.FindByValue(key, raw);
        if (matches.Count == 0)
            return RowErrors.ForeignKeyNotFound(raw.ToString(), key, parent.Schema);
        if (matches.Count > 1)
            return RowErrors.MoreThanOneMatch(key, matches);
        stored = matches[0].Id;
        if (RecordTypeAssignment.IsRecordTypeObject(parent))
        {
            lock (parent.SyncRoot)
                return RecordTypeAssignment.Check(schema, parent, matches[0], binding.Field, stored);
        }
        return null;
    }

    private void Assign(SObjectField field, string? value)
    {
        MarkAssigned(field);
        changes.Set(field.Ordinal, value);
    }

    /// <summary>Assigns a cell's text as it stands in the row.</summary>
    private void AssignCell(SObjectField field, int start, int length)
    {
        MarkAssigned(field);
        changes.SetSlice(field.Ordinal, start, length);
    }

    private void MarkAssigned(SObjectField field)
    {
        if (!assigned[field.Ordinal])
        {
            assigned[field.Ordinal] = true;
            assignedFields.Add(field);
        }
    }

    private RowOutcome Upsert(CsvRow row, ReadOnlySpan<char> idRaw, bool keyRepeatedInJob)
    {
        var key = plan.Key!;
        if (key.Ordinal == SObjectSchema.IdOrdinal)
            return UpdateById(idRaw, insertWhenBlank: true);

        var keyValue = plan.KeyColumn >= 0 ? row[plan.KeyColumn] : [];
        if (keyValue.IsEmpty || keyValue.SequenceEqual("#N/A"))
            return RowOutcome.Fail(RowErrors.KeyNotSpecified(key));
        if (keyRepeatedInJob)
            return RowOutcome.Fail(RowErrors.DuplicateKeyInJob(keyValue.ToString()));
        var matches = table.FindByValue(key, keyValue);
        if (matches.Count == 0)
            return Insert();
        return matches.Count == 1 ? Update(matches[0], key) : RowOutcome.Fail(RowErrors.MoreThanOneMatch(key, matches));
    }

    private RowOutcome UpdateById(ReadOnlySpan<char> idRaw, bool insertWhenBlank)
    {
        if (idRaw.IsEmpty)
            return insertWhenBlank ? Insert() : RowOutcome.Fail(RowErrors.IdNotSpecified(operation));
        Span<char> id = stackalloc char[SalesforceId.Length];
        if (!SalesforceId.TryNormalize(idRaw, id))
            return RowOutcome.Fail(RowErrors.MalformedId(idRaw.ToString()));
        var record = table.FindById(id);
        if (record is null)
            return RowOutcome.Fail(RowErrors.InvalidCrossReference, new string(id));
        if (record.IsDeleted)
            return RowOutcome.Fail(RowErrors.EntityIsDeleted, record.Id);
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

        // Only assigned fields hold values in the change buffers (they are cleared for every row).
        var values = changes;
        foreach (var field in defaultedOnCreate)
        {
            if (values.IsNull(field.Ordinal))
                values.Set(field.Ordinal, field.Type == FieldType.Boolean ? "false"
                    : field.DefaultsToRunningUser ? defaultOwnerId ??= org.DefaultUserId
                    : field.DefaultPicklistValue);
        }
        // A defaulted field is never required (required means no default), so defaulting first changes nothing here.
        foreach (var field in requiredOnCreate)
        {
            if (values.IsNull(field.Ordinal))
                problemFields.Add(field);
        }
        if (problemFields.Count > 0)
            return RowOutcome.Fail(RowErrors.RequiredFieldsMissing(problemFields));
        if (FindUniqueConflict(values, self: null) is { } conflict)
            return RowOutcome.Fail(conflict);

        var now = Now();
        values.Set(schema.CreatedDate.Ordinal, now);
        values.Set(schema.LastModifiedDate.Ordinal, now);
        var record = table.Insert(values);
        return RowOutcome.Succeeded(record, created: true);
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
            if (changes.IsNull(field.Ordinal) && !field.Nillable)
                problemFields.Add(field);
        }
        if (problemFields.Count > 0)
            return RowOutcome.Fail(RowErrors.RequiredFieldsMissing(problemFields), record.Id);

        var current = record.ToArray();
        merged.Load(current);
        foreach (var field in assignedFields)
            merged.CopyFrom(changes, field.Ordinal);
        if (FindUniqueConflict(merged, record) is { } conflict)
            return RowOutcome.Fail(conflict, record.Id);

        // The key matched case-insensitively; the stored one keeps its own spelling.
        if (key is not null)
            merged.Set(key.Ordinal, current[key.Ordinal]);
        merged.Set(schema.LastModifiedDate.Ordinal, Now());
        table.Replace(record, merged);
        return RowOutcome.Succeeded(record, created: false);
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

    private string? FindUniqueConflict(ValueRow values, SObjectRecord? self)
    {
        foreach (var field in assignedFields)
        {
            if (!field.Unique || values.IsNull(field.Ordinal))
                continue;
            foreach (var other in table.FindByValue(field, values.GetSpan(field.Ordinal)))
            {
                if (!ReferenceEquals(other, self))
                    return RowErrors.DuplicateValue(field, other.Id);
            }
        }
        return null;
    }

    private RowOutcome Delete(ReadOnlySpan<char> idRaw)
    {
        if (idRaw.IsEmpty)
            return RowOutcome.Fail(RowErrors.IdNotSpecified(operation));
        Span<char> id = stackalloc char[SalesforceId.Length];
        if (!SalesforceId.TryNormalize(idRaw, id))
            return RowOutcome.Fail(RowErrors.MalformedId(idRaw.ToString()));
        lock (table.SyncRoot)
        {
            var record = table.FindById(id);
            if (record is null)
                return RowOutcome.Fail(RowErrors.InvalidCrossReference, new string(id));
            if (operation == IngestOperation.HardDelete)
            {
                table.HardDelete(record);
                return RowOutcome.Succeeded(record, created: false);
            }
            if (record.IsDeleted)
                return RowOutcome.Fail(RowErrors.EntityIsDeleted, record.Id);
            table.SoftDelete(record);
            return RowOutcome.Succeeded(record, created: false);
        }
    }
}

using System.Runtime.CompilerServices;
using TargetSalesforce.Destination;
using TargetSalesforce.Salesforce.Describe;

namespace TargetSalesforce.Salesforce.Csv;

/// <summary>
/// Encodes records of one stream as CSV rows under a <see cref="FieldMap"/>: a JSON null clears
/// the field (`#N/A`) on update and upsert and is an empty cell on insert; an absent property is
/// an empty cell (left untouched). A field describe calls not nillable cannot be cleared: a null
/// makes a checkbox `false` and leaves any other such field untouched (<see cref="NonNillableNulls"/> says so once).
/// </summary>
internal sealed class RecordEncoder(FieldMap map, NonNillableNulls? nullNotices = null)
{
    /// <summary>What Bulk API reads as "set this field to null".</summary>
    public const string NullMarker = "#N/A";

    public const string ConversionFailed = "INVALID_VALUE";
    public const string MissingKey = "MISSING_KEY";

    /// <summary>A polymorphic lookup's value names a type the field cannot point to (describe's `referenceTo`).</summary>
    public const string WrongReferenceType = "INVALID_REFERENCE_TYPE";

    [ThreadStatic]
    private static CsvRowBuilder? threadRow;

    private readonly RowArena rows = new();
    private readonly LoadAction action = map.Operation.Action;

    // Per column, where its property was in the last record (and where a relationship's nested key was).
    private readonly int[] propertyHints = new int[map.Columns.Count];
    private readonly int[] headerHints = new int[map.Columns.Count];

    // Per column, whether its field takes a null as written (else: a checkbox false, any other field untouched), and
    // whether this encoder has told of a null it could not write.
    private readonly bool[] keepsNull = map.Columns.Select((c, i) => i == map.KeyColumn || (c.NestedKey is not null && !c.Compound && c.Reference is null) || c.Field.Nillable).ToArray();
    private readonly bool[] nullNoticed = new bool[map.Columns.Count];

    // Per column, whether a string held as UTF-8 can be copied into the row as it is (see WritesAsIs).
    private readonly ValueConverter.StringUse[] stringUses = map.Columns.Select((c, i) =>
        i == map.KeyColumn || c.LockedObject is not null ? ValueConverter.StringUse.Converted : ValueConverter.StringUseOf(c.Field.Type)).ToArray();

    public byte[] Header()
    {
        var row = new CsvRowBuilder();
        for (var i = 0; i < map.Headers.Count; i++)
        {
            if (i > 0)
            {
                row.Separator();
            }

            row.Value(map.Headers[i]);
        }

        row.EndRow();
        return row.ToUtf8();
    }

    // Per-record hot path: optimized at first call, not after a spell of unoptimized code (docs/benchmark.md, round 4).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public EncodedRecord Encode(IRecordView record)
    {
        var row = threadRow ??= new CsvRowBuilder();
        row.Clear();
        string? key = null;
        string? parentLock = null;
        var columns = map.Columns;
        for (var i = 0; i < columns.Count; i++)
        {
            if (i > 0)
            {
                row.Separator();
            }

            var column = columns[i];
            var present = Lookup(record, i, column, out var value, out var shapeError);
            if (shapeError is not null)
            {
                return EncodedRecord.Rejected(ConversionFailed, shapeError);
            }

            if (!present)
            {
                continue;
            }

            if (value.Kind == ValueKind.Null && !keepsNull[i])
            {
                var checkbox = column.Field.Type == "boolean";
                if (checkbox)
                {
                    row.Value("false");
                }

                if (!nullNoticed[i])
                {
                    nullNoticed[i] = true;
                    nullNotices?.Seen(map.ObjectName, column.Field.Name, checkbox);
                }

                continue;
            }

            if (value.Kind == ValueKind.Null)
            {
                // The key column never carries #N/A: a null key means "no key" (an insert, for upsert on Id).
                if (action != LoadAction.Insert && i != map.KeyColumn)
                {
                    row.Value(NullMarker);
                }

                continue;
            }

            if (column.Reference is { PerRecord: true } reference)
            {
                if (!ReferenceCell.TryWrite(map.ObjectName, column, reference, value, out var cell, out var lockPart, out var rejection))
                {
                    return rejection;
                }

                row.Value(cell);
                if (lockPart is not null)
                {
                    parentLock = parentLock is null ? lockPart : parentLock + EncodedRecord.ParentLockSeparator + lockPart;
                }

                continue;
            }

            if (WritesAsIs(row, i, value))
            {
                continue;
            }

            if (!ValueConverter.TryConvert(value, column.Field, out var text, out var failure))
            {
                return EncodedRecord.Rejected(ConversionFailed, column.NestedKey is null ? failure! : $"{failure} (in '{column.Header}')");
            }

            row.Value(text);
            if (i == map.KeyColumn)
            {
                key = text.Length == 0 ? null : text;
            }

            if (column.LockedObject is not null && text.Length > 0)
            {
                parentLock = AddParentLock(parentLock, column, text);
            }
        }

        if (key is null && RequiresKey())
        {
            var keyName = map.KeyColumn >= 0 ? map.Columns[map.KeyColumn].Header : "Id";
            return EncodedRecord.Rejected(MissingKey, $"the record has no '{keyName}' value, and {FieldMapper.ActionName(action)} needs one");
        }

        row.EndRow();
        return EncodedRecord.Encoded(rows.Add(row.Bytes), key, parentLock);
    }

    /// <summary>
    /// Copies a string the record holds as UTF-8 straight into the row when the field takes it as written: the
    /// bytes <see cref="ValueConverter.TryConvert"/> would give, without a string made and encoded back. The key
    /// column and lock-taking columns are left to the converter, whose string they keep.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool WritesAsIs(CsvRowBuilder row, int columnIndex, RecordValue value)
    {
        if (!value.IsUtf8Text)
        {
            return false;
        }

        var use = stringUses[columnIndex];
        if (use == ValueConverter.StringUse.AsIs || (use == ValueConverter.StringUse.AsIsWhenPlainDate && ValueConverter.IsPlainDate(value.Utf8Text)))
        {
            row.Utf8Value(value.Utf8Text);
            return true;
        }

        return false;
    }

    /// <summary>
    /// The parent a lock-taking column names, as "Object.KeyField=value" (an Id cut to its 15 case-sensitive
    /// characters, so both lengths of one Id match), added to those of the row's other lock-taking columns.
    /// </summary>
    private static string AddParentLock(string? earlier, MappedColumn column, string value)
    {
        var part = column.NestedKey is null
            ? $"{column.LockedObject}.Id={(value.Length == 18 ? value[..15] : value)}"
            : $"{column.LockedObject}.{column.NestedKey}={value}";
        return earlier is null ? part : earlier + EncodedRecord.ParentLockSeparator + part;
    }

    /// <summary>Update and delete name their row by Id; upsert by a custom key. Upsert on Id without one inserts.</summary>
    private bool RequiresKey() => action switch
    {
        LoadAction.Insert => false,
        LoadAction.Upsert => !string.Equals(map.Operation.ExternalIdField, "Id", StringComparison.OrdinalIgnoreCase),
        _ => true,
    };

    /// <summary>The column's value in the record; false when the record does not carry it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Lookup(IRecordView record, int columnIndex, MappedColumn column, out RecordValue value, out string? shapeError)
    {
        shapeError = null;
        var present = record.TryFind(column.Property, ref propertyHints[columnIndex], out value);
        if (column.NestedKey is null || column.PolymorphicType is not null)
        {
            return present;
        }

        if (!present)
        {
            // A flattened record may carry the column itself: {"Account.External_Id__c": "A-1"}.
            return record.TryFind(column.Header, ref headerHints[columnIndex], out value);
        }

        if (value.Object is { } parent)
        {
            var anywhere = -1;
            return parent.TryFind(column.NestedKey, ref anywhere, out value)
                   || (column.Compound && parent.TryFind(column.Field.Name, ref anywhere, out value));
        }

        if (value.Kind == ValueKind.Null)
        {
            return true;
        }

        if (column.Compound)
        {
            shapeError = $"field '{column.Property}' is a compound field and needs an object holding its components (such as '{column.NestedKey}'), " +
                         $"not a JSON {ValueConverter.KindName(value)}";
            return false;
        }

        shapeError = $"field '{column.Property}' is a relationship and needs an object holding '{column.NestedKey}', not a JSON {ValueConverter.KindName(value)}";
        return false;
    }
}

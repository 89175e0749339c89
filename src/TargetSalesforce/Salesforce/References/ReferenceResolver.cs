using System.Text;
using TargetSalesforce.Destination;
using TargetSalesforce.Salesforce.Csv;
using TargetSalesforce.Salesforce.Describe;

namespace TargetSalesforce.Salesforce.References;

/// <summary>
/// Turns a batch's reference columns (<see cref="ColumnReference"/>) into what Salesforce takes, when the batch's turn
/// comes: names become Ids in the lookup field (`RecordTypeId`, `OwnerId`), with the batch's distinct names looked up
/// together (<see cref="NameLookup"/>, remembered for the run); a parent named by type and key becomes a
/// `Type:Relationship.Key` column, one per type the batch's rows name, each row filling only its own. A name that
/// matches nothing, or several rows, and a key field that is not the type's External ID fail their record.
/// </summary>
internal sealed class ReferenceResolver(NameLookup names, Func<string, CancellationToken, Task<ObjectDescribe>> describe)
{
    /// <summary>The name matches no row (no such record type of the object, no active user, no queue).</summary>
    public const string NotFound = "REFERENCE_NOT_FOUND";

    /// <summary>The name matches several rows (an email shared by active users), so which one it means is unknown.</summary>
    public const string Ambiguous = "AMBIGUOUS_REFERENCE";

    /// <summary>The key field a record names its parent by is not that type's External ID or idLookup field.</summary>
    public const string NotAKey = "INVALID_REFERENCE_KEY";

    public async Task<ResolvedBatch> ResolveAsync(FieldMap map, IReadOnlyList<ReadOnlyMemory<byte>> rows, CancellationToken cancellationToken)
    {
        var referenceColumns = Enumerable.Range(0, map.Columns.Count).Where(i => map.Columns[i].Reference is not null).ToArray();
        var plainColumns = Enumerable.Range(0, map.Columns.Count).Where(i => map.Columns[i].Reference is null).ToArray();

        // What each row names, and every distinct name and parent type of the batch.
        var cells = new string[rows.Count][];
        var targets = new List<Target>[rows.Count];
        var wanted = new Dictionary<NameSet, HashSet<string>>();
        var parentTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var r = 0; r < rows.Count; r++)
        {
            cells[r] = CsvTable.ParseRow(rows[r].Span);
            targets[r] = [];
            foreach (var c in referenceColumns)
            {
                var cell = c < cells[r].Length ? cells[r][c] : string.Empty;
                if (cell.Length == 0)
                {
                    continue;
                }

                var target = TargetOf(map, map.Columns[c], cell);
                targets[r].Add(target);
                if (target.Names is { } set)
                {
                    if (!wanted.TryGetValue(set, out var values))
                    {
                        wanted[set] = values = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    }

                    values.Add(target.Value);
                }
                else if (target.Type is { } type)
                {
                    parentTypes.Add(type);
                }
            }
        }

        await names.FindAsync(wanted, cancellationToken).ConfigureAwait(false);
        var parents = new Dictionary<string, ObjectDescribe>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in parentTypes)
        {
            parents[type] = await describe(type, cancellationToken).ConfigureAwait(false);
        }

        // The columns sent: the plain ones as they were, then each lookup field and typed relationship column the rows fill.
        var columns = plainColumns.Select(i => map.Columns[i]).ToList();
        var added = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < columns.Count; i++)
        {
            added.TryAdd(columns[i].Header, i);
        }

        var failures = new List<RowFailure>();
        var placed = new List<(int Row, List<(int Column, string Value)> Cells)>();
        for (var r = 0; r < rows.Count; r++)
        {
            var rowCells = new List<(int Column, string Value)>();
            var lookupsSet = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            RowFailure? failure = null;
            foreach (var target in targets[r])
            {
                var lookup = target.Reference.Lookup;
                if (!lookupsSet.Add(lookup.Name))
                {
                    failure = new RowFailure(r, Ambiguous, $"the record sets {lookup.Name} more than once (through {target.Column.Property} and another column)", lookup.Name);
                    break;
                }

                if (target.Names is { } set)
                {
                    var ids = names.IdsOf(set, target.Value);
                    if (ids.Count != 1)
                    {
                        failure = ids.Count == 0
                            ? new RowFailure(r, NotFound, $"no {set.Noun} has {set.KeyField} '{target.Value}', so {lookup.Name} cannot be set", lookup.Name)
                            : new RowFailure(r, Ambiguous,
                                $"{ids.Count} {set.Noun}s have {set.KeyField} '{target.Value}', so which one {lookup.Name} should name is unknown" +
                                (set.KeyField == "Email" ? "; name the user by Username" : string.Empty), lookup.Name);
                        break;
                    }

                    rowCells.Add((Column(columns, added, LookupColumn(lookup)), ids[0]));
                }
                else if (target.Type is { } type)
                {
                    var parent = parents[type];
                    var keyField = parent.Field(target.Key);
                    if (keyField is null || !keyField.IsKey)
                    {
                        failure = new RowFailure(r, NotAKey,
                            $"{target.Column.Property} names a {parent.Name} by {target.Key}, which is {(keyField is null ? "no field" : "neither an External ID nor an idLookup field")} of {parent.Name}",
                            lookup.Name);
                        break;
                    }

                    rowCells.Add((Column(columns, added, TypedColumn(target.Reference, parent.Name, keyField)), target.Value));
                }
                else
                {
                    // A null clears the lookup; an Id needs no lookup.
                    rowCells.Add((Column(columns, added, LookupColumn(lookup)), target.Value));
                }
            }

            if (failure is not null)
            {
                failures.Add(failure);
            }
            else
            {
                placed.Add((r, rowCells));
            }
        }

        var keyColumn = map.KeyColumn < 0 ? -1 : Array.IndexOf(plainColumns, map.KeyColumn);
        var sentMap = new FieldMap(map.Operation, map.ObjectName, columns, keyColumn, map.IdsByExternalId);
        var sent = new List<ReadOnlyMemory<byte>>(placed.Count);
        var builder = new CsvRowBuilder();
        foreach (var (r, rowCells) in placed)
        {
            var values = new string[columns.Count];
            for (var i = 0; i < plainColumns.Length; i++)
            {
                values[i] = plainColumns[i] < cells[r].Length ? cells[r][plainColumns[i]] : string.Empty;
            }

            foreach (var (column, value) in rowCells)
            {
                values[column] = value;
            }

            builder.Clear();
            for (var i = 0; i < values.Length; i++)
            {
                if (i > 0)
                {
                    builder.Separator();
                }

                builder.Value(values[i] ?? string.Empty);
            }

            builder.EndRow();
            sent.Add(builder.ToUtf8());
        }

        return new ResolvedBatch(sentMap, new RecordEncoder(sentMap).Header(), sent, placed.Select(p => p.Row).ToArray(), failures);
    }

    /// <summary>What one cell names: a name to look up, a parent by type and key, an Id, or a clear (`#N/A`).</summary>
    private static Target TargetOf(FieldMap map, MappedColumn column, string cell)
    {
        var reference = column.Reference!;
        if (cell == RecordEncoder.NullMarker)
        {
            return new Target(column, reference, null, null, string.Empty, cell);
        }

        string type, key, value;
        if (reference.PerRecord)
        {
            if (!ColumnReference.TryReadCell(cell, out type, out key, out value))
            {
                throw new InvalidOperationException($"A cell of {column.Header} is not Type:Key:value as the encoder writes it.");
            }
        }
        else
        {
            (type, key, value) = (reference.Type!, reference.KeyField!, cell);
        }

        if (key.Equals("Id", StringComparison.OrdinalIgnoreCase))
        {
            return new Target(column, reference, null, null, key, value);
        }

        if (ColumnReference.ResolvedByName(type, key))
        {
            var set = type.Equals("RecordType", StringComparison.OrdinalIgnoreCase) ? NameSet.RecordTypes(map.ObjectName)
                : type.Equals("User", StringComparison.OrdinalIgnoreCase) ? NameSet.Users(ColumnReference.CanonicalKey(key))
                : NameSet.Queues;
            return new Target(column, reference, set, null, key, value);
        }

        return new Target(column, reference, null, type, key, value);
    }

    private static MappedColumn LookupColumn(FieldDescribe lookup) => new(lookup.Name, lookup.Name, null, lookup);

    private static MappedColumn TypedColumn(ColumnReference reference, string type, FieldDescribe keyField)
    {
        var polymorphic = reference.Types.Count > 1;
        var header = polymorphic ? $"{type}:{reference.Relationship}.{keyField.Name}" : $"{reference.Relationship}.{keyField.Name}";
        return new MappedColumn(header, header, keyField.Name, keyField, type, LookupField: reference.Lookup.Name, PolymorphicType: polymorphic ? type : null);
    }

    /// <summary>The index of <paramref name="column"/> among the sent columns, added at the end the first time a row needs it.</summary>
    private static int Column(List<MappedColumn> columns, Dictionary<string, int> added, MappedColumn column)
    {
        if (!added.TryGetValue(column.Header, out var index))
        {
            index = columns.Count;
            columns.Add(column);
            added[column.Header] = index;
        }

        return index;
    }

    /// <param name="Names">Set when the value is a name to look up.</param>
    /// <param name="Type">Set when the value is a parent's key, found by Salesforce through a typed relationship column.</param>
    private sealed record Target(MappedColumn Column, ColumnReference Reference, NameSet? Names, string? Type, string Key, string Value);
}

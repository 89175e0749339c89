using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using TargetSalesforce.Destination;
using TargetSalesforce.Salesforce.Bulk;
using TargetSalesforce.Salesforce.Describe;
using TargetSalesforce.Salesforce.Query;

namespace TargetSalesforce.Salesforce;

/// <summary>
/// After a full-table version: reads the scope's rows with one Bulk query job (Id, the upsert key, and the
/// soft-delete field), counts those whose key the version did not write, refuses when they are more than the
/// allowed share of the scope, and otherwise deletes them, or sets the soft-delete field on them, with Bulk jobs.
/// Only the missing rows' Ids are kept in memory, never the whole scope.
/// </summary>
internal sealed class ScopeSweeper(FieldMap map, ObjectDescribe describe, BulkQuery queries, BulkBatchLoader batches, TimeProvider time, ILogger logger)
{
    public async Task<SweepOutcome> SweepAsync(VersionSweep sweep, IReadOnlySet<string> writtenKeys, CancellationToken cancellationToken)
    {
        if (map.Operation.Action != LoadAction.Upsert || map.KeyColumn < 0 || map.Columns[map.KeyColumn].Field.Name == "Id")
        {
            throw new LoadConfigurationException(
                $"activate_version needs the stream to upsert {describe.Name} on an external id (it loads with {FieldMapper.ActionName(map.Operation.Action)} " +
                $"on {map.Operation.ExternalIdField}), since rows are told apart by the keys a version writes.");
        }

        if (string.IsNullOrWhiteSpace(sweep.Scope))
        {
            throw new LoadConfigurationException("activate_version needs the stream's `scope`, the SOQL condition naming the rows it owns.");
        }

        var key = map.Columns[map.KeyColumn].Field;
        var mark = sweep.Mode == SweepMode.SoftDelete ? SoftDeleteMark(sweep.SoftDeleteField) : null;
        var soql = $"SELECT Id, {key.Name}{(mark is null ? string.Empty : ", " + mark.Field.Name)} FROM {describe.Name} WHERE ({sweep.Scope})";

        var numeric = SoqlLiteral.IsNumeric(key.Type);
        long inScope = 0;
        var missing = new List<string>();
        await queries.RunAsync(soql, includeDeleted: false, table =>
        {
            var idColumn = table.ColumnIndex("Id");
            var keyColumn = table.ColumnIndex(key.Name);
            var markColumn = mark is null ? -1 : table.ColumnIndex(mark.Field.Name);
            foreach (var row in table.Rows)
            {
                inScope++;
                var value = row[keyColumn];
                var written = value.Length > 0 && (writtenKeys.Contains(value) || (numeric && SoqlLiteral.Number(value) is { } number && writtenKeys.Contains(number)));
                if (!written && !(markColumn >= 0 && mark!.IsSet(row[markColumn])))
                {
                    missing.Add(row[idColumn]);
                }
            }
        }, cancellationToken).ConfigureAwait(false);

        var verb = mark is null ? "delete" : $"mark ({mark.Field.Name})";
        if (missing.Count > sweep.MaxDeleteFraction * inScope)
        {
            throw new VersionSweepException(
                $"the version would {verb} {missing.Count} of the {inScope} {describe.Name} rows in scope ({Share(missing.Count, inScope)}), " +
                $"more than max_delete_fraction {sweep.MaxDeleteFraction.ToString(CultureInfo.InvariantCulture)} allows; nothing was deleted or marked. " +
                "If the source really lost that many rows, raise max_delete_fraction for one run.");
        }

        logger.LogInformation("Full-table version of {Object}: {Missing} of {InScope} rows in scope were not written; {Verb} them",
            describe.Name, missing.Count, inScope, verb);
        if (missing.Count == 0)
        {
            return new SweepOutcome(inScope, 0, []);
        }

        var failures = mark is null ? await DeleteAsync(missing, cancellationToken).ConfigureAwait(false) : await MarkAsync(mark, missing, cancellationToken).ConfigureAwait(false);
        return new SweepOutcome(inScope, missing.Count, failures);
    }

    private async Task<List<SweepFailure>> DeleteAsync(List<string> ids, CancellationToken cancellationToken)
    {
        var id = new MappedColumn("Id", "Id", null, FieldMapper.IdField);
        var deletes = new FieldMap(map.Operation with { Action = LoadAction.Delete }, describe.Name, [id], 0);
        return await RunAsync(deletes, ids.Select(i => Row(i, null)).ToList(), ids, cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<SweepFailure>> MarkAsync(SoftDeleteMark mark, List<string> ids, CancellationToken cancellationToken)
    {
        var id = new MappedColumn("Id", "Id", null, FieldMapper.IdField);
        var updates = new FieldMap(map.Operation with { Action = LoadAction.Update }, describe.Name, [id, new MappedColumn(mark.Field.Name, mark.Field.Name, null, mark.Field)], 0);
        var value = mark.Value(time.GetUtcNow());
        return await RunAsync(updates, ids.Select(i => Row(i, value)).ToList(), ids, cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<SweepFailure>> RunAsync(FieldMap jobMap, List<ReadOnlyMemory<byte>> rows, List<string> ids, CancellationToken cancellationToken)
    {
        var header = Encoding.UTF8.GetBytes(string.Join(",", jobMap.Headers) + "\n");
        var staged = await batches.StageAsync(jobMap, header, rows, cancellationToken).ConfigureAwait(false);
        var outcome = await staged.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return outcome.Failures.Select(f => new SweepFailure(ids[f.RowIndex], f.ErrorCode, f.Message)).ToList();
    }

    private static ReadOnlyMemory<byte> Row(string id, string? value) => Encoding.UTF8.GetBytes(value is null ? $"{id}\n" : $"{id},{value}\n");

    private SoftDeleteMark SoftDeleteMark(string? name)
    {
        var field = (string.IsNullOrWhiteSpace(name) ? null : describe.Field(name))
            ?? throw new LoadConfigurationException($"soft_delete_field '{name}' is not a field of {describe.Name}.");
        if (!field.Updateable || field.Type is not ("boolean" or "datetime" or "date"))
        {
            throw new LoadConfigurationException(
                $"soft_delete_field '{field.Name}' of {describe.Name} must be an updateable checkbox, date or date/time field (it is {(field.Updateable ? field.Type : "not updateable")}).");
        }

        return new SoftDeleteMark(field);
    }

    private static string Share(long part, long whole) =>
        string.Create(CultureInfo.InvariantCulture, $"{(whole == 0 ? 0 : 100.0 * part / whole):0}%");
}

/// <summary>The field soft deletes set, what they set it to, and how a row already marked reads in query results.</summary>
internal sealed record SoftDeleteMark(FieldDescribe Field)
{
    public string Value(DateTimeOffset now) => Field.Type switch
    {
        "boolean" => "true",
        "date" => now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
    };

    public bool IsSet(string cell) => Field.Type == "boolean" ? string.Equals(cell, "true", StringComparison.OrdinalIgnoreCase) : cell.Length > 0;
}

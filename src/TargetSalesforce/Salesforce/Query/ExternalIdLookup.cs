using Microsoft.Extensions.Logging;

namespace TargetSalesforce.Salesforce.Query;

/// <summary>The rows of an object that one key names: live Ids, and whether only rows in the Recycle Bin carry it.</summary>
/// <param name="LiveIds">Ids of rows not deleted.</param>
/// <param name="DeletedOnly">No live row carries the key, but a deleted one does (seen only by a lookup that includes deleted rows).</param>
internal sealed record KeyMatch(IReadOnlyList<string> LiveIds, bool DeletedOnly);

/// <summary>
/// Finds the Ids of an object's rows by an external id with Bulk API 2.0 query jobs: the keys go into as few
/// statements as the SOQL length limit allows, and up to QueryParallelism of them run at once.
/// </summary>
internal sealed class ExternalIdLookup(BulkQuery queries, SalesforceClientOptions options, ILogger logger)
{
    /// <summary>The rows each key names; a key no row carries is absent from the answer.</summary>
    /// <param name="keyFieldType">The key field's describe type (numbers go unquoted and compare as numbers).</param>
    /// <param name="includeDeleted">Use `queryAll` to tell a key already deleted from one never known.</param>
    public async Task<Dictionary<string, KeyMatch>> FindAsync(
        string objectName, string keyField, string keyFieldType, IReadOnlyCollection<string> keys, bool includeDeleted, CancellationToken cancellationToken)
    {
        var numeric = SoqlLiteral.IsNumeric(keyFieldType);
        var statements = KeyQueries.Build(objectName, keyField, keyFieldType, keys, options.MaxSoqlLength, includeDeleted);
        var live = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var deleted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var gate = new object();
        await Parallel.ForEachAsync(
            statements,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.QueryParallelism), CancellationToken = cancellationToken },
            async (soql, token) => await queries.RunAsync(soql, includeDeleted, table =>
            {
                var idColumn = table.ColumnIndex("Id");
                var keyColumn = table.ColumnIndex(keyField);
                var deletedColumn = table.ColumnIndex("IsDeleted");
                if (table.Rows.Count > 0 && (idColumn < 0 || keyColumn < 0))
                {
                    throw new Http.SalesforceApiException($"query results on {objectName} lack the Id or {keyField} column");
                }

                lock (gate)
                {
                    foreach (var row in table.Rows)
                    {
                        var key = numeric ? SoqlLiteral.Number(row[keyColumn]) ?? row[keyColumn] : row[keyColumn];
                        if (deletedColumn >= 0 && string.Equals(row[deletedColumn], "true", StringComparison.OrdinalIgnoreCase))
                        {
                            deleted.Add(key);
                            continue;
                        }

                        if (!live.TryGetValue(key, out var ids))
                        {
                            live[key] = ids = [];
                        }

                        ids.Add(row[idColumn]);
                    }
                }
            }, token).ConfigureAwait(false)).ConfigureAwait(false);

        var found = new Dictionary<string, KeyMatch>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in keys)
        {
            var lookedUp = numeric ? SoqlLiteral.Number(key) ?? key : key;
            if (live.TryGetValue(lookedUp, out var ids))
            {
                found[key] = new KeyMatch(ids, false);
            }
            else if (deleted.Contains(lookedUp))
            {
                found[key] = new KeyMatch([], true);
            }
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Looked up {Keys} keys of {Object} by {Field} with {Jobs} query jobs: {Found} found",
                keys.Count, objectName, keyField, statements.Count, found.Count);
        }

        return found;
    }
}

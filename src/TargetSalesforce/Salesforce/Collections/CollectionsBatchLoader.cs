using Microsoft.Extensions.Logging;
using TargetSalesforce.Destination;
using TargetSalesforce.Salesforce.Csv;
using TargetSalesforce.Salesforce.Describe;
using TargetSalesforce.Salesforce.Http;
using TargetSalesforce.Salesforce.Limits;

namespace TargetSalesforce.Salesforce.Collections;

/// <summary>
/// Loads a small batch through sObject Collections: the rows in calls of at most 200, a few calls in flight (never two
/// that lock a common parent, see <see cref="ParentSafeCalls"/>), each record's result mapped back to its index in the
/// batch, as a Bulk job's result rows are.
/// </summary>
internal sealed class CollectionsBatchLoader(CollectionsClient client, OrgAllowance allowance, SalesforceClientOptions options, ILogger logger)
{
    /// <summary>An insert call whose answer was lost: its records may or may not exist, so they are never sent again.</summary>
    public const string OutcomeUnknown = "OUTCOME_UNKNOWN";

    /// <summary>A call Salesforce refused as a whole without naming an error code: nothing of it was written.</summary>
    public const string CallRefused = "CALL_REFUSED";

    /// <summary>Checks the allowance for the batch's calls (throws <see cref="AllowanceReachedException"/>) and returns the load, which sends on completion.</summary>
    public IStagedLoad Stage(FieldMap map, byte[] header, IReadOnlyList<ReadOnlyMemory<byte>> rows)
    {
        var calls = CallCount(rows.Count);
        allowance.Reserve($"loading {rows.Count} rows to {map.ObjectName} by sObject Collections", calls, 0);
        return new CollectionsLoad(this, map, header, rows);
    }

    public static int CallCount(int rows) => (rows + SalesforceLimits.MaxCollectionRecords - 1) / SalesforceLimits.MaxCollectionRecords;

    internal async Task<BatchOutcome> LoadAsync(FieldMap map, byte[] header, IReadOnlyList<ReadOnlyMemory<byte>> rows, CancellationToken cancellationToken)
    {
        var cells = Cells(map, header, rows);
        var failures = new List<RowFailure>();
        var successes = new List<RowSuccess>();
        var calls = Enumerable.Range(0, CallCount(cells.Count))
            .Select(call => (Start: call * SalesforceLimits.MaxCollectionRecords, Count: Math.Min(SalesforceLimits.MaxCollectionRecords, cells.Count - (call * SalesforceLimits.MaxCollectionRecords))))
            .ToList();
        await ParentSafeCalls.RunAsync(
            ParentSafeCalls.ParentsOf(calls, cells, map.LockColumns),
            options.RestCallsInFlight,
            async (index, token) =>
            {
                var (found, accepted) = await SendCallAsync(map, cells, calls[index].Start, calls[index].Count, token).ConfigureAwait(false);
                lock (failures)
                {
                    failures.AddRange(found);
                    successes.AddRange(accepted);
                }
            },
            cancellationToken).ConfigureAwait(false);

        failures.Sort((a, b) => a.RowIndex.CompareTo(b.RowIndex));
        LogSummary(map, rows.Count, calls.Count, failures);
        successes.Sort((a, b) => a.RowIndex.CompareTo(b.RowIndex));
        return new BatchOutcome([], failures, LoadRoute.Rest, calls.Count) { Successes = successes };
    }

    private async Task<(List<RowFailure> Failures, List<RowSuccess> Successes)> SendCallAsync(
        FieldMap map, IReadOnlyList<string[]> cells, int start, int count, CancellationToken cancellationToken)
    {
        var slice = cells.Skip(start).Take(count).ToList();
        var failures = new List<RowFailure>();
        IReadOnlyList<CollectionResult> results;
        try
        {
            results = await client.SendAsync(map, slice, cancellationToken).ConfigureAwait(false);
        }
        catch (UploadOutcomeUnknownException exception)
        {
            // An insert that may have arrived: sending it again could create each record twice, so its records fail, with the reason.
            logger.LogWarning("An sObject Collections insert of {Count} {Object} records got no definite answer ({Error}); they are reported failed, not sent again",
                count, map.ObjectName, exception.Message);
            for (var i = 0; i < count; i++)
            {
                failures.Add(new RowFailure(start + i, OutcomeUnknown,
                    "the sObject Collections insert that carried this record got no definite answer, so it may or may not have been created; " +
                    "it was not sent again (that could create it twice): check the org before loading it again"));
            }

            return (failures, []);
        }
        catch (SalesforceApiException exception)
        {
            // One call going wrong must not undo what the batch's other calls did: their records stay committed and
            // only this call's records fail, each with the reason, so no rerun sends a created record again.
            var accepted = exception.Status is null || (int)exception.Status < 300;
            var (code, message) = accepted
                ? (OutcomeUnknown, $"the sObject Collections call that carried this record was answered but its results could not be read ({exception.Message}), " +
                    "so it may or may not have been written; check the org before loading it again")
                : (exception.ErrorCode ?? CallRefused, $"the sObject Collections call that carried this record was refused: {exception.Message}");
            logger.LogWarning("An sObject Collections call of {Count} {Object} records went wrong ({Error}); its records are reported failed",
                count, map.ObjectName, exception.Message);
            for (var i = 0; i < count; i++)
            {
                failures.Add(new RowFailure(start + i, code, message));
            }

            return (failures, []);
        }

        var successes = new List<RowSuccess>();
        for (var i = 0; i < results.Count; i++)
        {
            if (!results[i].Success)
            {
                failures.Add(new RowFailure(start + i, results[i].ErrorCode, results[i].Message));
            }
            else if (results[i].Id is { Length: > 0 } id)
            {
                // Create answers no `created`, update none either: the action says; upsert's answer says for each record.
                successes.Add(new RowSuccess(start + i, id, results[i].Created ?? map.Operation.Action == LoadAction.Insert));
            }
        }

        return (failures, successes);
    }

    /// <summary>The batch's rows as cells, read back with the header they were written under.</summary>
    private static IReadOnlyList<string[]> Cells(FieldMap map, byte[] header, IReadOnlyList<ReadOnlyMemory<byte>> rows)
    {
        var document = new byte[header.Length + rows.Sum(r => r.Length)];
        header.CopyTo(document, 0);
        var at = header.Length;
        foreach (var row in rows)
        {
            row.Span.CopyTo(document.AsSpan(at));
            at += row.Length;
        }

        var table = CsvTable.Parse(document);
        if (table.Rows.Count != rows.Count || table.Header.Count != map.Columns.Count)
        {
            throw new InvalidOperationException(
                $"{rows.Count} encoded rows of {map.ObjectName} read back as {table.Rows.Count} rows of {table.Header.Count} cells: the writer's CSV is broken.");
        }

        return table.Rows;
    }

    private void LogSummary(FieldMap map, int rows, int calls, List<RowFailure> failures)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        var byCode = failures.Count == 0
            ? string.Empty
            : "; failures by code: " + string.Join(", ", failures.GroupBy(f => f.ErrorCode).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ×{g.Count()}"));
        logger.LogInformation("sObject Collections ({Operation} {Object}, {Rows} rows in {Calls} calls): {Succeeded} succeeded, {Failed} failed{ByCode}",
            FieldMapper.ActionName(map.Operation.Action), map.ObjectName, rows, calls, rows - failures.Count, failures.Count, byCode);
    }
}

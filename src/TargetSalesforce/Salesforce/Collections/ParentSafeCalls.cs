using System.Diagnostics.CodeAnalysis;
using TargetSalesforce.Salesforce.Csv;

namespace TargetSalesforce.Salesforce.Collections;

/// <summary>
/// Runs a batch's sObject Collections calls a few at a time, but never two at once that name a common parent their
/// save locks (a Contact's Account). Salesforce saves each call as one transaction that holds those parents
/// while the records' triggers run, so two such calls side by side wait on each other and, past the 10-second lock
/// wait, fail with UNABLE_TO_LOCK_ROW; a parent-ordered batch shares parents between neighbouring calls.
/// </summary>
internal static class ParentSafeCalls
{
    /// <summary>
    /// The parents each call names: for every call (rows <c>Start</c> to <c>Start + Count</c>), the values of the
    /// lock-taking columns, each tagged with its column. Empty sets when the object locks no parent.
    /// </summary>
    public static IReadOnlyList<HashSet<string>> ParentsOf(
        IReadOnlyList<(int Start, int Count)> calls, IReadOnlyList<string[]> cells, IReadOnlyList<int> lockColumns)
    {
        var parents = new List<HashSet<string>>(calls.Count);
        foreach (var (start, count) in calls)
        {
            var named = new HashSet<string>(StringComparer.Ordinal);
            for (var row = start; row < start + count; row++)
            {
                foreach (var column in lockColumns)
                {
                    var value = cells[row][column];
                    if (value.Length > 0 && value != RecordEncoder.NullMarker)
                    {
                        named.Add($"{column}\u001f{value}");
                    }
                }
            }

            parents.Add(named);
        }

        return parents;
    }

    /// <summary>
    /// Sends every call with <paramref name="send"/>, at most <paramref name="inFlight"/> at once and never two that share
    /// a parent: each time a slot is free, the first call not yet sent that shares no parent with a call in flight goes
    /// (a later call may pass one that must wait; the calls of a flush name distinct records, so their order does not
    /// matter). The first failure cancels the calls still running and is rethrown.
    /// </summary>
    [SuppressMessage("Design", "CA1031", Justification = "The calls still running are awaited only so none is left behind; the first failure is rethrown.")]
    public static async Task RunAsync(IReadOnlyList<HashSet<string>> parents, int inFlight, Func<int, CancellationToken, Task> send,
        CancellationToken cancellationToken)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var waiting = Enumerable.Range(0, parents.Count).ToList();
        var running = new List<(int Call, Task Task)>();
        try
        {
            while (waiting.Count > 0)
            {
                for (var i = 0; i < waiting.Count && running.Count < Math.Max(1, inFlight); i++)
                {
                    var call = waiting[i];
                    if (running.Exists(r => parents[r.Call].Overlaps(parents[call])))
                    {
                        continue;
                    }

                    failed.Token.ThrowIfCancellationRequested();
                    running.Add((call, send(call, failed.Token)));
                    waiting.RemoveAt(i--);
                }

                if (waiting.Count > 0)
                {
                    var ended = await Task.WhenAny(running.Select(r => r.Task)).ConfigureAwait(false);
                    running.RemoveAll(r => r.Task == ended);
                    await ended.ConfigureAwait(false); // a failure ends the batch here
                }
            }

            await Task.WhenAll(running.Select(r => r.Task)).ConfigureAwait(false);
        }
        catch
        {
            await failed.CancelAsync().ConfigureAwait(false);
            try
            {
                await Task.WhenAll(running.Select(r => r.Task)).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Their own failures or cancellations: the first failure is the one reported.
            }

            throw;
        }
    }
}

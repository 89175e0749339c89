using System.Diagnostics.CodeAnalysis;

namespace TargetSalesforce.Salesforce.Collections;

/// <summary>
/// Runs a batch's sObject Collections calls a few at a time, in order, but never two at once that name a common parent
/// their save locks (a Contact's Account). Salesforce saves each call as one transaction that holds those parents
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
            for (var row = start; row < start + count && lockColumns.Count > 0; row++)
            {
                foreach (var column in lockColumns)
                {
                    var value = cells[row][column];
                    if (value.Length > 0 && value != "#N/A")
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
    /// Sends call 0, 1, … with <paramref name="send"/>, at most <paramref name="inFlight"/> at once; a call that shares a
    /// parent with one in flight starts when that one ends. The first failure cancels the calls still running and is rethrown.
    /// </summary>
    [SuppressMessage("Design", "CA1031", Justification = "The calls still running are awaited only so none is left behind; the first failure is rethrown.")]
    public static async Task RunAsync(IReadOnlyList<HashSet<string>> parents, int inFlight, Func<int, CancellationToken, Task> send,
        CancellationToken cancellationToken)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = new List<(int Call, Task Task)>();
        try
        {
            for (var call = 0; call < parents.Count; call++)
            {
                while (running.Count >= Math.Max(1, inFlight) || running.Exists(r => parents[r.Call].Overlaps(parents[call])))
                {
                    var ended = await Task.WhenAny(running.Select(r => r.Task)).ConfigureAwait(false);
                    running.RemoveAll(r => r.Task == ended);
                    await ended.ConfigureAwait(false); // a failure ends the batch here
                }

                failed.Token.ThrowIfCancellationRequested();
                running.Add((call, send(call, failed.Token)));
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

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using TargetSalesforce.Salesforce.Query;

namespace TargetSalesforce.Salesforce.References;

/// <summary>
/// Ids of rows found by name (<see cref="NameSet"/>), remembered for the whole run: a batch asks only for the names no
/// earlier batch asked for, all of one set in one REST query (or a few, when the IN list would pass the URI limit), never
/// a query per record. A name that matched nothing is remembered too, so it is not asked again.
/// </summary>
internal sealed class NameLookup(RestQuery queries, ILogger logger) : IDisposable
{
    private readonly ConcurrentDictionary<NameSet, ConcurrentDictionary<string, string[]>> known = new();

    // One batch looks up at a time, so two batches staged together never ask for the same names twice.
    private readonly SemaphoreSlim gate = new(1, 1);

    private int statements;

    /// <summary>How many queries the run has sent (each a REST query, with its next pages).</summary>
    public int QueriesSent => Volatile.Read(ref statements);

    /// <summary>Looks up the values of each set that the run has not looked up yet.</summary>
    public async Task FindAsync(IReadOnlyDictionary<NameSet, HashSet<string>> wanted, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var (set, values) in wanted)
            {
                var cache = known.GetOrAdd(set, _ => new ConcurrentDictionary<string, string[]>(StringComparer.OrdinalIgnoreCase));
                var missing = values.Where(value => !cache.ContainsKey(value)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                if (missing.Count == 0)
                {
                    continue;
                }

                var found = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
                foreach (var soql in EscapedInLists.Build(set.Head(), missing, RestQuery.MaxEscapedLength))
                {
                    Interlocked.Increment(ref statements);
                    foreach (var record in await queries.RunAsync(soql, cancellationToken).ConfigureAwait(false))
                    {
                        if (record.Value<string>("Id") is { } id && FieldText(record, set.KeyField) is { } name)
                        {
                            if (!found.TryGetValue(name, out var ids))
                            {
                                found[name] = ids = [];
                            }

                            ids.Add(id);
                        }
                    }
                }

                foreach (var value in missing)
                {
                    cache[value] = found.TryGetValue(value, out var ids) ? [.. ids] : [];
                }

                if (logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("Looked up {Names} names ({Set}): {Found} found", missing.Count, set, missing.Count(v => cache[v].Length > 0));
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The Ids <paramref name="value"/> names in <paramref name="set"/> (none when it matched nothing); after <see cref="FindAsync"/>.</summary>
    public IReadOnlyList<string> IdsOf(NameSet set, string value) =>
        known.TryGetValue(set, out var cache) && cache.TryGetValue(value, out var ids) ? ids : [];

    public void Dispose() => gate.Dispose();

    /// <summary>The field's text, whatever its spelling in the answer.</summary>
    private static string? FieldText(JObject record, string field) =>
        record.Property(field, StringComparison.OrdinalIgnoreCase)?.Value is JValue { Type: JTokenType.String } value ? (string?)value : null;
}

using System.Globalization;
using System.Text.Json;

namespace TargetSalesforce.Benchmarks.Processes;

/// <summary>
/// The figures the benchmark takes from `GET /__emulator/stats`: API calls (every request but the
/// emulator's own `/__emulator/…` routes), jobs (all states), and rows written to one object.
/// The stats document is read by meaning rather than one exact layout — a top-level member whose
/// name says requests / jobs / rows, holding counts either as a map or with a `total` — so a
/// reshuffle of the stats JSON does not silently zero a figure: a figure not found is null (shown `?`).
/// </summary>
public sealed record EmulatorCounters(long? ApiCalls, long? Jobs, string JobsByState, long? Rows, string RowsByOperation)
{
    private const string EmulatorRoutes = "__emulator";

    public static EmulatorCounters From(JsonElement stats, string sObject)
    {
        var requests = Member(stats, "request");
        var jobs = Member(stats, "job");
        var rows = Member(stats, "row") is { } byObject ? Member(byObject, sObject, exact: true) : null;
        return new EmulatorCounters(
            requests is { } r ? Count(r) : null,
            jobs is { } j ? Count(j) : null,
            jobs is { } js ? Breakdown(js) : "?",
            rows is { } w ? Count(w) : null,
            rows is { } ws ? Breakdown(ws) : "?");
    }

    /// <summary>
    /// The member whose name contains (or, exact, equals) <paramref name="name"/>, ignoring case; a
    /// breakdown (object or list) wins over a bare number such as `totalRequests`, which may count the stats calls too.
    /// </summary>
    private static JsonElement? Member(JsonElement element, string name, bool exact = false)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var matches = element.EnumerateObject()
            .Where(p => exact ? p.Name.Equals(name, StringComparison.OrdinalIgnoreCase) : p.Name.Contains(name, StringComparison.OrdinalIgnoreCase))
            .Select(p => p.Value)
            .ToList();
        return matches.Count == 0 ? null
            : matches.FirstOrDefault(v => v.ValueKind is JsonValueKind.Object or JsonValueKind.Array) is { ValueKind: not JsonValueKind.Undefined } breakdown ? breakdown
            : matches[0];
    }

    /// <summary>
    /// A number is itself; a map keyed by routes (names with a '/') sums them, leaving out the
    /// emulator's own; any other map uses its `total` or `count` if it has one (so `{count, avgMs}`
    /// is not summed), else sums its members; a list sums its items.
    /// </summary>
    private static long? Count(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                return element.TryGetInt64(out var number) ? number : (long)element.GetDouble();
            case JsonValueKind.Array:
                return Sum(element.EnumerateArray().Where(item => !MentionsEmulatorRoute(item)).Select(Count));
            case JsonValueKind.Object:
                var members = element.EnumerateObject().ToList();
                if (members.Any(p => p.Name.Contains('/', StringComparison.Ordinal)))
                {
                    return Sum(members.Where(p => !p.Name.Contains(EmulatorRoutes, StringComparison.Ordinal) && !IsTotal(p.Name)).Select(p => Count(p.Value)));
                }

                var total = members.FirstOrDefault(p => IsTotal(p.Name) && p.Value.ValueKind == JsonValueKind.Number);
                return total.Value.ValueKind == JsonValueKind.Number ? Count(total.Value) : Sum(members.Select(p => Count(p.Value)));
            default:
                return null;
        }
    }

    private static string Breakdown(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
            ? string.Join(' ', element.EnumerateObject().Where(p => !IsTotal(p.Name)).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name}={Count(p.Value)?.ToString(CultureInfo.InvariantCulture) ?? "?"}")))
            : Count(element)?.ToString(CultureInfo.InvariantCulture) ?? "?";

    private static bool IsTotal(string name) => name.Equals("total", StringComparison.OrdinalIgnoreCase) || name.Equals("count", StringComparison.OrdinalIgnoreCase);

    private static bool MentionsEmulatorRoute(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object
        && item.EnumerateObject().Any(p => p.Value.ValueKind == JsonValueKind.String && p.Value.GetString()!.Contains(EmulatorRoutes, StringComparison.Ordinal));

    private static long? Sum(IEnumerable<long?> counts)
    {
        long sum = 0;
        var any = false;
        foreach (var count in counts)
        {
            if (count is { } value)
            {
                sum += value;
                any = true;
            }
        }

        return any ? sum : null;
    }
}

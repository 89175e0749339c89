using TargetSalesforce.Destination;
using TargetSalesforce.Salesforce.Describe;

namespace TargetSalesforce.Cli;

/// <summary>The `--test-connection` table: one row per configured stream, columns padded to fit.</summary>
internal static class CheckTable
{
    private static readonly string[] Header = ["stream", "object", "action", "key", "check"];

    public static IReadOnlyList<string> Lines(IReadOnlyList<TargetCheck> checks)
    {
        if (checks.Count == 0)
        {
            return [];
        }

        var rows = new List<string[]> { Header };
        rows.AddRange(checks.Select(c => new[]
        {
            c.Source,
            c.Operation.ObjectName,
            FieldMapper.ActionName(c.Operation.Action),
            c.Operation.Action == LoadAction.Upsert ? c.Operation.ExternalIdField : "-",
            c.Problem is null ? "ok" : "FAILED",
        }));
        var widths = Enumerable.Range(0, 5).Select(column => rows.Max(row => row[column].Length)).ToArray();
        return rows.Select(row => string.Join("  ", row.Select((cell, column) => column == 4 ? cell : cell.PadRight(widths[column])))).ToList();
    }
}

using TargetSalesforce.Salesforce.Csv;

namespace TargetSalesforce.Salesforce.Bulk;

/// <summary>
/// Finds which uploaded row a result row stands for. Salesforce does not keep the upload order in
/// its result files, so rows are matched by key (Id or external id) where the row has one, else
/// by the echoed values of every column, else by the closest unclaimed row.
/// </summary>
internal sealed class ResultRowMatcher
{
    private const char Separator = '\u001f';

    private readonly IReadOnlyList<string> columns;
    private readonly IReadOnlyList<ReadOnlyMemory<byte>> rows;
    private readonly int keyColumn;
    private readonly bool[] claimed;
    private readonly string[]?[] cells;

    public ResultRowMatcher(IReadOnlyList<string> columns, IReadOnlyList<ReadOnlyMemory<byte>> rows, int keyColumn)
    {
        this.columns = columns;
        this.rows = rows;
        this.keyColumn = keyColumn;
        claimed = new bool[rows.Count];
        cells = new string[]?[rows.Count];
    }

    /// <summary>Matches every row of a result table; returns (uploaded row index, result row) pairs. Unmatched result rows get -1.</summary>
    public List<(int Row, string[] Result)> Match(CsvTable results)
    {
        // Where each of our columns sits in the result file (-1: not echoed, so not compared).
        var positions = columns.Select(results.ColumnIndex).ToArray();
        var keyPosition = keyColumn >= 0 ? positions[keyColumn] : -1;
        Dictionary<string, Queue<int>>? byKey = null;
        Dictionary<string, Queue<int>>? bySignature = null;

        var matches = new List<(int, string[])>(results.Rows.Count);
        foreach (var result in results.Rows)
        {
            var index = -1;
            if (keyPosition >= 0 && result[keyPosition].Length > 0)
            {
                byKey ??= Index(row => Cells(row)[keyColumn]);
                index = Take(byKey, result[keyPosition]);
            }

            if (index < 0)
            {
                bySignature ??= Index(row => Signature(Cells(row), positions, fromResult: false));
                index = Take(bySignature, Signature(result, positions, fromResult: true));
            }

            if (index < 0)
            {
                index = Closest(result, positions);
            }

            if (index >= 0)
            {
                claimed[index] = true;
            }

            matches.Add((index, result));
        }

        return matches;
    }

    private string[] Cells(int row) => cells[row] ??= CsvTable.ParseRow(rows[row].Span);

    private Dictionary<string, Queue<int>> Index(Func<int, string> keyOf)
    {
        var index = new Dictionary<string, Queue<int>>(StringComparer.Ordinal);
        for (var row = 0; row < rows.Count; row++)
        {
            var key = keyOf(row);
            if (!index.TryGetValue(key, out var queue))
            {
                index[key] = queue = new Queue<int>();
            }

            queue.Enqueue(row);
        }

        return index;
    }

    private int Take(Dictionary<string, Queue<int>> index, string key)
    {
        if (!index.TryGetValue(key, out var queue))
        {
            return -1;
        }

        while (queue.TryDequeue(out var row))
        {
            if (!claimed[row])
            {
                return row;
            }
        }

        return -1;
    }

    private static string Signature(string[] cells, int[] positions, bool fromResult)
    {
        var parts = new List<string>(positions.Length);
        for (var i = 0; i < positions.Length; i++)
        {
            if (positions[i] >= 0)
            {
                parts.Add(fromResult ? cells[positions[i]] : (i < cells.Length ? cells[i] : string.Empty));
            }
        }

        return string.Join(Separator, parts);
    }

    /// <summary>The unclaimed row sharing the most echoed values (Salesforce may reformat a value it echoes).</summary>
    private int Closest(string[] result, int[] positions)
    {
        var best = -1;
        var bestScore = -1;
        for (var row = 0; row < rows.Count; row++)
        {
            if (claimed[row])
            {
                continue;
            }

            var cells = Cells(row);
            var score = 0;
            for (var i = 0; i < positions.Length && i < cells.Length; i++)
            {
                if (positions[i] >= 0 && cells[i] == result[positions[i]])
                {
                    score++;
                }
            }

            if (score > bestScore)
            {
                best = row;
                bestScore = score;
            }
        }

        return best;
    }
}

using SalesforceEmulator.Org;

namespace SalesforceEmulator.Bulk.Rows;

/// <summary>
/// Finds the rows of one job whose upsert key (matched case-insensitively) occurs in more than one row: all of them
/// fail. Distinct keys are kept as text in one buffer, found by hash, so a checking pass over a large job makes no
/// string per row.
/// </summary>
internal sealed class RepeatedKeys
{
    private readonly SlotHashIndex firstRowByKey = new();
    private readonly HashSet<int> repeatedRows = [];
    private char[] text = new char[4096];
    private int textLength;
    private int[] starts = new int[256];
    private int[] lengths = new int[256];

    /// <summary>Notes row <paramref name="row"/>'s key; rows must come in ascending order.</summary>
    public void Add(int row, ReadOnlySpan<char> key)
    {
        var hash = string.GetHashCode(key, StringComparison.OrdinalIgnoreCase);
        var candidates = firstRowByKey.Find(hash);
        while (candidates.MoveNext())
        {
            var first = candidates.Slot;
            if (text.AsSpan(starts[first], lengths[first]).Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                repeatedRows.Add(first);
                repeatedRows.Add(row);
                return;
            }
        }
        if (row >= starts.Length)
        {
            var size = Math.Max(starts.Length * 2, row + 1);
            Array.Resize(ref starts, size);
            Array.Resize(ref lengths, size);
        }
        if (textLength + key.Length > text.Length)
            Array.Resize(ref text, Math.Max(text.Length * 2, textLength + key.Length));
        key.CopyTo(text.AsSpan(textLength));
        starts[row] = textLength;
        lengths[row] = key.Length;
        textLength += key.Length;
        firstRowByKey.Add(hash, row);
    }

    /// <summary>Whether the row's key occurs in another row of the job too.</summary>
    public bool IsRepeated(int row) => repeatedRows.Contains(row);
}

using SalesforceEmulator.Bulk.Csv;

namespace SalesforceEmulator.Bulk.Processing;

/// <summary>
/// The rows of one chunk, copied out of the upload when a worker takes the chunk: the job's upload is read once, in
/// order, while its chunks may run on several workers at once. Cells lie end to end in one buffer.
/// </summary>
internal sealed class ChunkRows
{
    private char[] text = new char[1 << 16];
    private int textLength;
    private int[] cellStarts = new int[1024];
    private int[] cellLengths = new int[1024];
    private bool[] cellQuoted = new bool[1024];
    private int cellCount;
    private readonly List<int> rowFirstCell = [];

    public ChunkRows(int firstRow) => FirstRow = firstRow;

    /// <summary>The job's index of the chunk's first row.</summary>
    public int FirstRow { get; }

    public int Count => rowFirstCell.Count;

    public void Add(CsvRow row)
    {
        rowFirstCell.Add(cellCount);
        for (var column = 0; column < row.Count; column++)
        {
            var cell = row[column];
            if (cellCount == cellStarts.Length)
            {
                Array.Resize(ref cellStarts, cellCount * 2);
                Array.Resize(ref cellLengths, cellCount * 2);
                Array.Resize(ref cellQuoted, cellCount * 2);
            }
            if (textLength + cell.Length > text.Length)
                Array.Resize(ref text, Math.Max(text.Length * 2, textLength + cell.Length));
            cell.CopyTo(text.AsSpan(textLength));
            cellStarts[cellCount] = textLength;
            cellLengths[cellCount] = cell.Length;
            cellQuoted[cellCount] = row.IsQuoted(column);
            textLength += cell.Length;
            cellCount++;
        }
    }

    /// <summary>Loads row <paramref name="index"/> of the chunk into <paramref name="row"/> (replacing what it held).</summary>
    public void CopyTo(int index, CsvRow row)
    {
        row.Clear();
        var first = rowFirstCell[index];
        var end = index + 1 < rowFirstCell.Count ? rowFirstCell[index + 1] : cellCount;
        for (var cell = first; cell < end; cell++)
        {
            row.StartField(cellQuoted[cell]);
            row.Append(text.AsSpan(cellStarts[cell], cellLengths[cell]));
        }
    }
}

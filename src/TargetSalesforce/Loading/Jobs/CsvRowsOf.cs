using System.Collections;

namespace TargetSalesforce.Loading.Jobs;

/// <summary>
/// The CSV rows of a job's buffered rows, read through the rows rather than copied out: a copy was an array of
/// 16-byte slices a job (160 KB for 10,000 rows), on the large object heap and full of references for every
/// collection to scan, made again for every attempt.
/// </summary>
internal sealed class CsvRowsOf(BufferedRow[] rows) : IReadOnlyList<ReadOnlyMemory<byte>>
{
    public int Count => rows.Length;

    public ReadOnlyMemory<byte> this[int index] => rows[index].Row;

    public IEnumerator<ReadOnlyMemory<byte>> GetEnumerator()
    {
        foreach (var row in rows)
        {
            yield return row.Row;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
